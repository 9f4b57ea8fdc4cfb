create table t (id int, v bigint);
