create function dbl(x int) returns int language sql immutable as 'select x * 2';
create table t (a int);
create materialized view m as select dbl(a) as d from t;
