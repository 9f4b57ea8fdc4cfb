create type pair as (a int, b int);
create table t (p pair);
create cast (pair as int) with inout as assignment;
create view v as select p::int as total from t;
