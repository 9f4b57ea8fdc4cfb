create table t (v timestamptz default now());
