create table t (id int, v int);
create index t_id on t (id);
alter table t cluster on t_id;
