create table a (id int primary key);
create publication p for table a;
