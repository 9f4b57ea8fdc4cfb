create function f() returns text language sql as $$ select 'a' $$;
create view v as select f() as x;
