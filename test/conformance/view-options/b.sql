create table t (id int primary key, name text);
create view v with (security_barrier = true) as select id from t;
