create table t (id int primary key, v int unique, w text);
create index t_w on t (w);
insert into t select g, g, 'w' || g from generate_series(1, 100) g;
