create table t (v text, w int);
alter table t alter column v set storage external;
