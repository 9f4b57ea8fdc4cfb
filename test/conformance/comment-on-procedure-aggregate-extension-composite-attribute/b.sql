create procedure p() language sql as 'select 1';
create aggregate agg(int) (sfunc = int4pl, stype = int);
create extension hstore;
create type ct as (a int);
comment on procedure p() is 'p';
comment on aggregate agg(int) is 'a';
comment on extension hstore is 'h';
comment on column ct.a is 'attr';
