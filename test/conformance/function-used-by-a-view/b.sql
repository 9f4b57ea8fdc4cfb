create function f() returns int language sql as $$ select 1 $$;
create view v as select f() as a;
