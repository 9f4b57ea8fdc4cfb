create table t (id int primary key, name text not null);
create unique index t_name on t (name);
alter table t replica identity using index t_name;
