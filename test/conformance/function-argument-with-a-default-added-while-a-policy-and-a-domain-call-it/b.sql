create function ok(x int, y int default 0) returns boolean language sql stable as 'select x > y';
create domain pos as int check (ok(value));
create table t (id int primary key, v pos);
alter table t enable row level security;
create policy p on t using (ok(id));
