create table t (a int, b int generated always as (a * 2) stored);
create unique index t_b on t (b);
