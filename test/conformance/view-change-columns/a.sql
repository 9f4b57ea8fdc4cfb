create table t (id int primary key, name text);
create view v as select id, name from t;
