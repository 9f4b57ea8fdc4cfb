create type e1 as enum ('a');
create type e2 as enum ('a');
create table t (v e2);
