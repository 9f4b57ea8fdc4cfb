create table t (v varchar(10));
