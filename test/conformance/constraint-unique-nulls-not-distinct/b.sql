create table t (id int primary key, name text, constraint u unique nulls not distinct (name));
