create table "T" ("A" int);
create view "V w" as select "A" as "B b" from "T";
