create schema pl;
create function pl.handler() returns language_handler language c as '$libdir/plpgsql', 'plpgsql_call_handler';
create function pl.validator(oid) returns void language c strict as '$libdir/plpgsql', 'plpgsql_validator';
create trusted language plmine handler pl.handler validator pl.validator;
create function pl.one() returns int language plmine as $$ begin return 1; end $$;
grant usage on language plmine to dbalign_r1 with grant option;
