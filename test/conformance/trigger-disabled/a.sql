create table t (id int primary key, name text);
create function tf() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger tr before insert on t for each row execute function tf();
