create function int_same(int, int) returns boolean language sql immutable as 'select $1 = $2';
create function int_differ(int, int) returns boolean language sql immutable as 'select $1 <> $2';
create operator === (leftarg = int, rightarg = int, function = int_same, commutator = ===, negator = !==, restrict = eqsel, join = eqjoinsel);
create operator !== (leftarg = int, rightarg = int, function = int_differ, commutator = !==, negator = ===, restrict = neqsel, join = neqjoinsel);
