create table t (a int);
create materialized view m as select a from t;
