create schema "Shop";
-- Arguments renamed: CREATE OR REPLACE cannot, so both functions are dropped and created again,
-- while the domain (and the column of its type, with rows) stays.
create function "Shop"."isValid"(input text) returns boolean language sql immutable as $$ select length(input) > 0 $$;
create function "Shop".fallback(prefix text) returns text language sql immutable as $$ select prefix || '-0' $$;
create domain "Shop"."Code" as text
  default "Shop".fallback('sku')
  constraint "Code_valid" check ("Shop"."isValid"(value));
comment on constraint "Code_valid" on domain "Shop"."Code" is 'kept across the rebuild';
create table "Shop".items (id int primary key, code "Shop"."Code");
insert into "Shop".items values (1, 'a-1'), (2, default);
