create schema "Units";
create type "Units"."Meters";
create function "Units".meters_in(cstring) returns "Units"."Meters" language internal immutable strict as 'int4in';
create function "Units".meters_out("Units"."Meters") returns cstring language internal immutable strict as 'int4out';
create type "Units"."Meters" (input = "Units".meters_in, output = "Units".meters_out, like = int4, default = '0');
create table "Units".runs (id int primary key, distance "Units"."Meters" default '5', laps "Units"."Meters"[], note text);
insert into "Units".runs values (1, '42', '{1,2}', 'first'), (2, default, null, 'second');
create view "Units".long_runs as select id, distance from "Units".runs where note is not null;
