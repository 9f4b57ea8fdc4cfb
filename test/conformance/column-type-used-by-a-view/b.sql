create table t (v bigint);
create view w as select v from t;
