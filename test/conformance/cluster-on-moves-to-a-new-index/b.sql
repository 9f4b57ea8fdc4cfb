create table t (id int, v int);
create index t_id on t (id);
create index t_v on t (v);
alter table t cluster on t_v;
