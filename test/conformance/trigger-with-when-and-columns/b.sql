create table t (id int primary key, name text);
create function tf() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger tr before update of name on t for each row when (old.name is distinct from new.name) execute function tf();
