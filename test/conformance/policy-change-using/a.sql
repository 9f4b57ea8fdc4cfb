create table t (id int primary key, name text);
create policy p on t using (id > 0);
