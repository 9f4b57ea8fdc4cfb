create table t (v numeric(12,4));
