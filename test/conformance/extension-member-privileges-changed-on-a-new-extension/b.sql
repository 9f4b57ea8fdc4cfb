create schema "Ext";
create extension pg_trgm with schema "Ext";
revoke execute on function "Ext".word_similarity(text, text) from public;
grant execute on function "Ext".word_similarity(text, text) to "Dbalign Role" with grant option;
