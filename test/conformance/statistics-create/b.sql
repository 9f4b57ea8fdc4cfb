create table t (a int, b int, c text);
create statistics st (dependencies) on a, b from t;
