create table t (a int primary key, b int, c int);
create publication p for table t (a, b);
