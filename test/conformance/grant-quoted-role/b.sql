create table t (id int primary key, name text);
grant all on t to "Dbalign Role";
