create function dbl(x int) returns int language sql immutable as 'select x * 2';
create table t (a int, b int generated always as (dbl(a)) stored);
create view v as select b from t;
