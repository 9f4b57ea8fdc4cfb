create table t (a bigint, b bigint generated always as (a * 2) stored);
create unique index t_b on t (b);
