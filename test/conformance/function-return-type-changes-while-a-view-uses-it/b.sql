create function label(x int) returns varchar language sql immutable as $$select ('n' || x)::varchar$$;
create table t (x int);
create view v as select x, label(x) as l from t;
