create table t (id int primary key, name text);
create table log (id int);
