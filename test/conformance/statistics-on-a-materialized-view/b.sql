create table t (a int, b int, c text);
create materialized view m as select a, b from t;
create statistics st on a, b from m;
