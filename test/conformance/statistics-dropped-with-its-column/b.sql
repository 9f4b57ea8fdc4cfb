create table t (a int, c text);
