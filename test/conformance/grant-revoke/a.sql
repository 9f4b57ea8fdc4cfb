create table t (id int primary key, name text);
grant select, insert, update on t to dbalign_r1;
