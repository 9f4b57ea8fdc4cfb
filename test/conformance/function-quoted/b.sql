create schema "S s";
create function "S s"."F ""x"""("A b" int) returns int language sql as $$ select 1 $$;
