create table t (id int primary key, name text);
create view v as select id from t;
grant select on v to dbalign_r1, "Dbalign Role";
