create function int_less(int, int) returns boolean language sql immutable as 'select $1 < $2';
create function int_more(int, int) returns boolean language sql immutable as 'select $1 > $2';
create operator <<< (leftarg = int, rightarg = int, function = int_less, commutator = >>>);
create operator >>> (leftarg = int, rightarg = int, function = int_more, commutator = <<<);
