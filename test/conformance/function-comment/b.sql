create function f() returns int language sql as $$ select 1 $$;
comment on function f() is 'one';
