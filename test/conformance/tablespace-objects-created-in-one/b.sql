create schema "Store";
create table "Store"."Items" (id int, sku text, constraint "Items pk" primary key (id) using index tablespace "Dbalign Space",
  constraint "Items sku" unique (sku) using index tablespace "Dbalign Space") tablespace "Dbalign Space";
create index "Items by sku" on "Store"."Items" (lower(sku)) tablespace "Dbalign Space";
create materialized view "Store"."Counts" tablespace "Dbalign Space" as select count(*) as n from "Store"."Items";
create index "Counts n" on "Store"."Counts" (n) tablespace "Dbalign Space";
