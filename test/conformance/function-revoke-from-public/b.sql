create function f() returns int language sql as $$ select 1 $$;
revoke execute on function f() from public;
grant execute on function f() to dbalign_r1;
