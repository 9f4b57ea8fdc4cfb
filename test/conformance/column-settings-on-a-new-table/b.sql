create table t (v text, w int);
alter table t alter column v set storage main;
alter table t alter column w set statistics 50;
