create foreign data wrapper w;
create server s foreign data wrapper w;
create table p (id int, v text) partition by list (id);
create foreign table p1 partition of p for values in (1) server s;
