create schema "T S";
create type "T S".mood as enum ('sad', 'ok');
create trusted language plmy handler plpgsql_call_handler validator plpgsql_validator;
create function "T S".mood_from(internal) returns internal language internal immutable strict as 'int4recv';
create function "T S".mood_to(internal) returns "T S".mood language internal immutable strict as 'int4recv';
create transform for "T S".mood language plmy (from sql with function "T S".mood_from(internal), to sql with function "T S".mood_to(internal));
