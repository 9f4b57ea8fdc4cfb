create table t (v numeric(10,2));
