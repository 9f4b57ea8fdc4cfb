create table "user" ("order" int, "group" text, "from" date);
create index "index" on "user" ("order");
