create schema "Shop";
create function "Shop"."isValid"(value text) returns boolean language sql immutable as $$ select length(value) > 0 $$;
create function "Shop".fallback(kind text) returns text language sql immutable as $$ select kind || '-0' $$;
create domain "Shop"."Code" as text
  default "Shop".fallback('sku')
  constraint "Code_valid" check ("Shop"."isValid"(value));
comment on constraint "Code_valid" on domain "Shop"."Code" is 'kept across the rebuild';
create table "Shop".items (id int primary key, code "Shop"."Code");
insert into "Shop".items values (1, 'a-1'), (2, default);
