create type "Code";
create function code_in(cstring) returns "Code" language internal immutable strict as 'textin';
create function code_out("Code") returns cstring language internal immutable strict as 'textout';
comment on function code_out("Code") is 'kept when it is made again';
create type "Code" (input = code_in, output = code_out, internallength = variable, storage = extended, collatable = true, default = 'unset', category = 'S', preferred = false);
-- A function of the type that is not one of its own: dropped before, created after.
create function code_text(c "Code") returns text language sql immutable as 'select c::text';
