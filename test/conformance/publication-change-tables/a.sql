create table t (id int primary key, name text);
create table u (a int);
create publication pub for table t;
