create table t (id int, v int);
create index t_v on t (v, id);
alter table t cluster on t_v;
