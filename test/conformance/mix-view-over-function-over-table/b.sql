create table t (a int, b int);
create function g(x int) returns int language sql immutable as $$ select x * 2 $$;
create view v as select g(a) as ga, b from t;
create materialized view mv as select * from v;
