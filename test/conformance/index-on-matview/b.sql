create table t (a int);
create materialized view m as select a from t;
create index m_a on m (a);
