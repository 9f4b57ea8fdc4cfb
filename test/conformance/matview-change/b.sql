create table t (id int primary key, name text);
create materialized view m as select id, name from t;
