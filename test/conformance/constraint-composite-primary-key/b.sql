create table t (a int, b int, primary key (a, b));
