create procedure p() language sql as 'select 1';
create aggregate agg(int) (sfunc = int4pl, stype = int);
create extension hstore;
create type ct as (a int);
