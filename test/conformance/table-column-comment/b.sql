create table t (id int primary key, name text);
comment on column t.name is 'a name';
