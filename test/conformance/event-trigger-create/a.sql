create function et() returns event_trigger language plpgsql as $$ begin end $$;
