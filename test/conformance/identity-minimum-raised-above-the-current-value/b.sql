create table t (id bigint generated always as identity (minvalue 100 start with 100), v int);
insert into t (v) values (1);
