create table t (v int default 2);
