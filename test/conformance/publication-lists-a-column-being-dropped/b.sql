create table t (a int primary key, c int);
create publication p for table t (a);
