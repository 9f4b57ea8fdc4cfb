create function int_same(int, int) returns boolean language sql immutable as 'select $1 = $2';
create operator === (leftarg = int, rightarg = int, function = int_same, join = eqjoinsel);
create table t (a int, b int);
create view v as select a === b as same from t;
comment on operator === (int, int) is 'the same';
