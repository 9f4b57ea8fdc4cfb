create table t (id int generated always as identity (maxvalue 10), v int);
