create schema "Units";
-- A base type: its shell, its input and output functions (C, built in), then its definition.
create type "Units"."Meters";
create function "Units"."Meters_in"(cstring) returns "Units"."Meters" language internal immutable strict as 'int4in';
create function "Units"."Meters_out"("Units"."Meters") returns cstring language internal immutable strict as 'int4out';
create function "Units".meters_recv(internal) returns "Units"."Meters" language internal immutable strict as 'int4recv';
create function "Units".meters_send("Units"."Meters") returns bytea language internal immutable strict as 'int4send';
create type "Units"."Meters" (
  input = "Units"."Meters_in", output = "Units"."Meters_out", receive = "Units".meters_recv, send = "Units".meters_send,
  like = int4, category = 'N', default = '0'
);
comment on type "Units"."Meters" is 'a distance';
grant usage on type "Units"."Meters" to dbalign_r1;
create table "Units".runs (id int primary key, distance "Units"."Meters");
insert into "Units".runs values (1, '42'), (2, default);
