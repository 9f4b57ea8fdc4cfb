create table t (id bigint generated always as identity, twice bigint generated always as (id * 2) stored);
