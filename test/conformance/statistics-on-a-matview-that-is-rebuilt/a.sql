create table t (a int, b int);
create materialized view m as select a, b from t;
create statistics st on a, b from m;
alter statistics st set statistics 200;
