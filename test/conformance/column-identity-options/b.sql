create table t (id int generated always as identity (start with 100 increment by 10 cache 5));
