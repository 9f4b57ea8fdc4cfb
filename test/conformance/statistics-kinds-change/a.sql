create table t (a int, b int, c text);
create statistics st (ndistinct) on a, b from t;
