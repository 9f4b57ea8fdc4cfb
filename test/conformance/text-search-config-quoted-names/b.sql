create schema "Full Text";
create text search configuration "Full Text"."My ""Config""" (copy = pg_catalog.simple);
comment on text search configuration "Full Text"."My ""Config""" is 'q';
