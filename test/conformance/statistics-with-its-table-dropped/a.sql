create table t (a int, b int);
create statistics st on a, b from t;
create statistics st2 (mcv) on (a * b), b from t;
