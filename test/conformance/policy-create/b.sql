create table t (id int primary key, name text);
alter table t enable row level security;
create policy p on t for select to dbalign_r1 using (name = current_user);
