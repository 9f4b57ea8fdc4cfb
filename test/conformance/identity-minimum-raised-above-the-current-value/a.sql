create table t (id bigint generated always as identity, v int);
insert into t (v) select g from generate_series(1, 30) g;
