create function label(x int) returns text language sql immutable as $$select 'n' || x$$;
create table t (x int);
create view v as select x, label(x) as l from t;
