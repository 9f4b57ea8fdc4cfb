create domain code as varchar(10) check (value <> '');
create table t (id int, c code);
