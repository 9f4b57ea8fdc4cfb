create table t (id int primary key check (id > 0), name text);
