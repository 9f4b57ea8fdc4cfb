create table t (id int primary key, name text);
create materialized view m as select id from t with no data;
