create schema "App";
create table "App"."Counters" (id bigint generated always as identity primary key, label text);
-- The expression reads the same for both types: only the type changes, and a generated column takes no USING.
create table "App"."Measurements" (reading integer, "Doubled" bigint generated always as (reading * 2) stored);
insert into "App"."Measurements" (reading) values (1), (21);
