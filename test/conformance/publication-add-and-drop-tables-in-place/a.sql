create table a (id int primary key);
create table b (id int primary key);
create publication p for table a;
