create table t (v varchar(20));
