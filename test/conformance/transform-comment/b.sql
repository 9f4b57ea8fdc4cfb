create function tf_from(internal) returns internal language internal immutable strict as 'int4recv';
create function tf_to(internal) returns int language internal immutable strict as 'int4recv';
create transform for int language plpgsql (from sql with function tf_from(internal));
comment on transform for int language plpgsql is 'ints to and from the language';
