create table t (a int, b int generated always as (a * 2) stored);
create view v as select a, b from t;
