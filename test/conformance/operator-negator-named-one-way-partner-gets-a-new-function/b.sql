create function same_int(int, int) returns boolean language sql immutable as 'select $1 = $2';
create function other_int(int, int) returns boolean language sql immutable as 'select $1 <> $2';
create function other_int_too(int, int) returns boolean language sql immutable as 'select $1 is distinct from $2';
-- === names !== as its negator before !== exists: the link goes one way.
create operator === (leftarg = int, rightarg = int, function = same_int, negator = !==);
create operator !== (leftarg = int, rightarg = int, function = other_int_too);
