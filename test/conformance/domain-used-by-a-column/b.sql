create domain d as int check (value > 0);
create table t (v d);
