create table old_name (id int primary key, v text);
create index old_v on old_name (v);
