create table t (id int primary key, name text);
create view v as select * from t;
create function tf() returns trigger language plpgsql as $$ begin return new; end $$;
