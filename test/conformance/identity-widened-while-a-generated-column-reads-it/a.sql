create table t (id int generated always as identity, twice int generated always as (id * 2) stored);
