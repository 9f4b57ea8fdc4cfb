create function dbl(x int) returns bigint language sql immutable as 'select (x * 2)::bigint';
create table t (a int, b bigint generated always as (dbl(a)) stored);
create view v as select b from t;
