create table t (v text, w int);
alter table t alter column v set compression pglz;
alter table t alter column w set statistics 500;
