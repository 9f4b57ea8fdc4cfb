create table t (id int primary key, name text);
grant select, insert on t to dbalign_r1;
