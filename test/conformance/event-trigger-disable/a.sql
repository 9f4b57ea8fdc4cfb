create function et() returns event_trigger language plpgsql as $$ begin end $$;
create event trigger e on ddl_command_start execute function et();
