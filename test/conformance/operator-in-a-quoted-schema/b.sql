create schema "Op S";
create function "Op S"."Same?"(int, int) returns boolean language sql immutable as 'select $1 = $2';
create operator "Op S".=== (leftarg = int, rightarg = int, function = "Op S"."Same?");
