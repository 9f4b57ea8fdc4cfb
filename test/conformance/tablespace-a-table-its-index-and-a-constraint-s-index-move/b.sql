create table t (id int primary key using index tablespace "Dbalign Space", v int unique, w text) tablespace "Dbalign Space";
create index t_w on t (w) tablespace "Dbalign Space";
insert into t select g, g, 'w' || g from generate_series(1, 100) g;
