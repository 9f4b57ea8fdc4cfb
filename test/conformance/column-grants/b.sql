create table t (id int primary key, name text);
grant select (name), update (name) on t to dbalign_r1;
