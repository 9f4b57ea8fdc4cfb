create function d() returns int language sql immutable as $$ select 7 $$;
create table t (v int default d());
