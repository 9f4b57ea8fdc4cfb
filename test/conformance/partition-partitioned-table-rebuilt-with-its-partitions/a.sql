create table m (k int, v text) partition by range (k);
create table m1 partition of m for values from (0) to (10);
create index m_v on m (v);
