create table t (id int, v int);
insert into t select g, g % 7 from generate_series(1, 50) g;
create materialized view m as select id, v from t;
create index m_id on m (id);
alter materialized view m cluster on m_id;
