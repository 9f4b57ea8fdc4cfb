create table t (v int);
create view w as select v from t;
