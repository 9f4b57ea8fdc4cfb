create table t (id int primary key, name text);
create view v1 as select name, id from t;
create view v2 as select name from v1;
