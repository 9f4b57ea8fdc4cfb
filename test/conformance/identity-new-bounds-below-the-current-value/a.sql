create table t (id int generated always as identity, v int);
insert into t (v) select g from generate_series(1, 50) g;
