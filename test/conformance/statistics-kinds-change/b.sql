create table t (a int, b int, c text);
create statistics st (mcv) on a, b from t;
