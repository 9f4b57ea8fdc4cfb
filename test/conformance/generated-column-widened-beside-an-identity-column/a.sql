create schema "App";
create table "App"."Counters" (id integer generated always as identity primary key, label text);
create table "App"."Measurements" (reading integer, "Doubled" integer generated always as (reading * 2) stored);
insert into "App"."Measurements" (reading) values (1), (21);
