create table t (id int primary key, name text);
alter table t replica identity nothing;
