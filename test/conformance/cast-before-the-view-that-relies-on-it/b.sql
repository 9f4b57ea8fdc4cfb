create type pair as (a int, b int);
create function pair_sum(pair) returns int language sql immutable as 'select ($1).a + ($1).b';
create table t (p pair);
create cast (pair as int) with function pair_sum(pair);
create view v as select p::int as total from t;
