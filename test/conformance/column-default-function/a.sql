create table t (v timestamptz);
