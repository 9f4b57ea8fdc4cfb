create function f() returns int language sql stable strict parallel safe as $$ select 1 $$;
