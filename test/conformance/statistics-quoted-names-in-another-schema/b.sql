create schema "Stats S";
create table "Stats S"."T t" ("A" int, "B b" int);
create statistics "Stats S"."My ""Stats""" on "A", "B b" from "Stats S"."T t";
