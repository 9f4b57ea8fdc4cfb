create trusted language plmy handler plpgsql_call_handler validator plpgsql_validator;
create function f() returns int language plmy as $$ begin return 1; end $$;
grant usage on language plmy to "Dbalign Role";
