create table t (v bigint);
alter table t enable row level security;
create policy p on t using (v > 0);
