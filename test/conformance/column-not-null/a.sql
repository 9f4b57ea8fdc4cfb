create table t (v int);
