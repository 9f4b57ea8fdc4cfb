create table t (id int primary key, name text);
create index t_lower on t (lower(name));
