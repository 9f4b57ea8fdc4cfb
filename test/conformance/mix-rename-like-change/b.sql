create table new_name (id int primary key, v text);
create index new_v on new_name (v);
