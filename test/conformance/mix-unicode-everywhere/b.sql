create schema "ünï";
create type "ünï"."ümood" as enum ('ä');
create table "ünï"."tä" ("cö" "ünï"."ümood", "Ω" int primary key);
create view "ünï"."vü" as select * from "ünï"."tä";
