create schema "Cast S";
create function "Cast S"."bool to money"(boolean) returns money language sql immutable as 'select case when $1 then 1::money else 0::money end';
create cast (boolean as money) with function "Cast S"."bool to money"(boolean);
