create table t (id int);
insert into t select generate_series(1, 30);
create materialized view m as select id from t;
