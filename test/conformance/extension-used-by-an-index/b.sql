create extension pg_trgm;
create table t (s text);
create index t_trgm on t using gin (s gin_trgm_ops);
