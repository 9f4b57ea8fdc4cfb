create function total(a int, b int) returns int language sql immutable as 'select a + b';
security label for dbalign_test on function total(int, int) is 'audited';
create table t (id int, v int);
security label for dbalign_test on column t.v is 'measured';
