create function ok(x int) returns boolean language sql stable as 'select x > 0';
create table t (a int);
alter table t enable row level security;
create policy p on t using (ok(a));
