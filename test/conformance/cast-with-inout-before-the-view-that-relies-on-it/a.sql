create type pair as (a int, b int);
create table t (p pair);
