create table t (id int);
create rule r as on delete to t do instead nothing;
create domain d as int;
create publication pub;
create function et() returns event_trigger language plpgsql as $$ begin end $$;
create event trigger e on ddl_command_end execute function et();
