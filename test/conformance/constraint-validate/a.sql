create table t (id int);
alter table t add constraint c check (id > 0) not valid;
