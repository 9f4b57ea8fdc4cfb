create table t ("A" int);
