create table t (id int primary key, name text);
create policy p on t as restrictive for insert to dbalign_r1, dbalign_r2 with check (id > 0);
