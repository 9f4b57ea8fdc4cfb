create table t (id int primary key, name text);
create function tf() returns trigger language plpgsql as $$ begin return null; end $$;
create constraint trigger ct after insert on t deferrable initially deferred for each row execute function tf();
