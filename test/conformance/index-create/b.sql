create table t (id int primary key, name text);
create index t_name on t (name);
