create table t (id int, v int);
create materialized view m as select id, v from t;
create index m_v on m (v);
alter materialized view m cluster on m_v;
