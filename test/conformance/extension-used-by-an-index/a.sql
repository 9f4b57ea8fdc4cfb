create extension pg_trgm;
create table t (s text);
