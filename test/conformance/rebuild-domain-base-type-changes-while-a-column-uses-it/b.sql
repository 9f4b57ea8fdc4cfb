create domain code as text check (value <> '');
create table t (id int, c code);
