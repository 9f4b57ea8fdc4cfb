create table t (id int primary key, owner_id int);
create function is_owner(x int) returns boolean language sql stable as 'select x = 1';
alter table t enable row level security;
create policy p on t using (is_owner(owner_id));
