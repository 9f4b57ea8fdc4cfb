create foreign data wrapper w;
create server "Remote" foreign data wrapper w;
create schema "Remote Data";
create foreign table "Remote Data"."Items ""X""" ("Item Id" int options ("column name" 'a b'), "select" text) server "Remote" options ("table name" 'it''s');
