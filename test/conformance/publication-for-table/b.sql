create table t (id int primary key, name text);
create publication pub for table t;
