create table t (id int primary key, name text);
create view v as select id from t;
