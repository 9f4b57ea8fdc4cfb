create table "T T" ("A" int);
create index "Idx ""1""" on "T T" ("A");
