create function f(b int) returns int language sql as $$ select 1 $$;
