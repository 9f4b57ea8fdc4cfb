create table t (id int primary key, name text);
create index i on t (name desc nulls last);
