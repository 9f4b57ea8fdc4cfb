create table t (v int, x int);
create view w as select v, x from t;
