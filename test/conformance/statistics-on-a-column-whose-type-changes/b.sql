create table t (a bigint, b int);
create statistics st on a, b from t;
