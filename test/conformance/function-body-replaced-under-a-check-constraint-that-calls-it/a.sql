create function dbl(x int) returns int language sql immutable as 'select x * 2';
create table t (a int check (dbl(a) < 100));
