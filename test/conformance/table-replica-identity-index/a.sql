create table t (id int primary key, name text);
create unique index t_name on t (name);
