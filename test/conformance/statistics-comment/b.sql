create table t (a int, b int, c text);
create statistics st on a, b from t;
comment on statistics st is 'a and b move together';
