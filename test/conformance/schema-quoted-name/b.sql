create schema "My Schema";
create table "My Schema"."My Table" ("Id" int);
