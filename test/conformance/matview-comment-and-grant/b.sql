create table t (id int primary key, name text);
create materialized view m as select id from t;
comment on materialized view m is 'm';
grant select on m to dbalign_r1;
