create function dbl(x int) returns bigint language sql immutable as 'select (x * 2)::bigint';
create table t (a int, b bigint generated always as (dbl(a)) stored);
create index t_b on t (b);
alter table t add constraint b_even check (b % 2 = 0);
