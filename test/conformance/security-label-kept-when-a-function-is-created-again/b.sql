create function total(a int, b int) returns bigint language sql immutable as 'select (a + b)::bigint';
security label for dbalign_test on function total(int, int) is 'audited';
create table t (id int, v bigint);
security label for dbalign_test on column t.v is 'measured';
