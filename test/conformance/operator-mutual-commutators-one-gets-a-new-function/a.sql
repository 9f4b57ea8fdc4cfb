create schema "Ops";
create function "Ops".lt(int, int) returns boolean language sql immutable as 'select $1 < $2';
create function "Ops".gt(int, int) returns boolean language sql immutable as 'select $1 > $2';
create function "Ops".gt_too(int, int) returns boolean language sql immutable as 'select not ($1 <= $2)';
create operator "Ops".<<< (leftarg = int, rightarg = int, function = "Ops".lt, commutator = OPERATOR("Ops".>>>));
create operator "Ops".>>> (leftarg = int, rightarg = int, function = "Ops".gt, commutator = OPERATOR("Ops".<<<));
comment on operator "Ops".<<< (int, int) is 'kept';
