create table t (id int primary key, name text);
create function tf() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger tr after insert on t referencing new table as inserted for each statement execute function tf();
