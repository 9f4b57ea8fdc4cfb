create table t (id int, code int default 7);
