create schema "Reports";
create table "Reports".sales (id int primary key, region text, amount numeric);
insert into "Reports".sales values (1, 'north', 10), (2, 'south', 20);
create materialized view "Reports"."By Region" as select region, sum(amount) as total from "Reports".sales group by region;
create unique index "By Region key" on "Reports"."By Region" (region);
alter materialized view "Reports"."By Region" cluster on "By Region key";
