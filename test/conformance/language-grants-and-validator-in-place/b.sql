create trusted language plmy handler plpgsql_call_handler inline plpgsql_inline_handler;
create function f() returns int language plmy as $$ begin return 1; end $$;
revoke usage on language plmy from public;
grant usage on language plmy to dbalign_r2 with grant option;
