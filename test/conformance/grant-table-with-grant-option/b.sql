create table t (id int primary key, name text);
grant select on t to dbalign_r1 with grant option;
