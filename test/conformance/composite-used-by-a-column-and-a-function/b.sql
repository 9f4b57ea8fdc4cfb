create type pair as (a int, b text);
create table t (p pair);
create function f(p pair) returns int language sql as $$ select p.a $$;
