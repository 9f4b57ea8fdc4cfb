create table t (a int);
create view v as select a from t;
alter table t owner to dbalign_r1;
alter view v owner to "Dbalign Role";
