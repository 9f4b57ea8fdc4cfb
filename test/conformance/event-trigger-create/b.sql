create function et() returns event_trigger language plpgsql as $$ begin end $$;
create event trigger e on ddl_command_end when tag in ('CREATE TABLE') execute function et();
