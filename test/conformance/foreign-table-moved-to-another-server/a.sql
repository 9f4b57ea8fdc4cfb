create foreign data wrapper w;
create server s1 foreign data wrapper w;
create server s2 foreign data wrapper w;
create foreign table ft (id int) server s1;
