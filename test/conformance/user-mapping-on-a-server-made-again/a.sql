create foreign data wrapper w1;
create foreign data wrapper w2;
create server s foreign data wrapper w1 options (host 'h');
create user mapping for dbalign_r1 server s options (user 'u', password 'Map-Pa55');
create foreign table ft (id int) server s;
create view v as select id from ft;
