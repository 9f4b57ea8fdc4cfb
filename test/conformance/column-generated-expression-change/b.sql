create table t (a int, b int generated always as (a * 3) stored);
