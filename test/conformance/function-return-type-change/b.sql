create function f() returns text language sql as $$ select 'x' $$;
