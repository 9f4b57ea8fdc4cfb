create table t (id int);
insert into t select generate_series(1, 20);
create materialized view m with (fillfactor = 70, autovacuum_enabled = false) as select id from t;
