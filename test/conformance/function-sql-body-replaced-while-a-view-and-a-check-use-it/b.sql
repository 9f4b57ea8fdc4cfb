create function double_it(x int) returns int language sql immutable return x + x;
create table t (x int check (double_it(x) < 100));
create view v as select double_it(x) as d from t;
create materialized view m as select double_it(x) as d from t;
