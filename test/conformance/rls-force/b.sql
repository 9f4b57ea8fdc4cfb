create table t (id int primary key, name text);
alter table t enable row level security;
alter table t force row level security;
