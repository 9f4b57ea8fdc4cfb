create table t (id int, v int);
