create foreign data wrapper w;
create server s foreign data wrapper w options (host 'db.example', port '5432');
create table p (id int, v text) partition by range (id);
create table p1 partition of p for values from (0) to (10);
create foreign table p2 partition of p for values from (10) to (20) server s;
