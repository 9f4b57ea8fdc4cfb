create table t (id int, v int);
create materialized view m as select id, v, v * 2 as w from t;
create index m_v on m (v);
alter materialized view m cluster on m_v;
