create foreign data wrapper w;
create server s foreign data wrapper w;
create table p (id int, v text) partition by list (id);
create foreign table p1 partition of p for values in (1) server s options (table_name 'one');
alter foreign table p1 alter column v options (add column_name 'V');
comment on foreign table p1 is 'first';
comment on column p1.v is 'value';
alter foreign table p1 owner to dbalign_r1;
