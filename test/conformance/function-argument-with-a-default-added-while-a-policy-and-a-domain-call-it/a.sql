create function ok(x int) returns boolean language sql stable as 'select x > 0';
create domain pos as int check (ok(value));
create table t (id int primary key, v pos);
alter table t enable row level security;
create policy p on t using (ok(id));
