create function tf_from(internal) returns internal language internal immutable strict as 'int4recv';
create function tf_to(internal) returns int language internal immutable strict as 'int4recv';
