create table t (a int, b int);
create statistics st on a, b from t;
