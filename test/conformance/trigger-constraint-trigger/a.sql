create table t (id int primary key, name text);
create function tf() returns trigger language plpgsql as $$ begin return null; end $$;
