create table t (a int);
create view v1 as select a from t;
create view v2 as select a from v1;
create materialized view v3 as select a from v2;
