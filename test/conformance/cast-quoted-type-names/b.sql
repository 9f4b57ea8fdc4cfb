create schema "Cast S";
create type "Cast S"."My Pair" as (a int);
create function "Cast S"."to int"("Cast S"."My Pair") returns int language sql immutable as 'select ($1).a';
create cast ("Cast S"."My Pair" as int) with function "Cast S"."to int"("Cast S"."My Pair");
