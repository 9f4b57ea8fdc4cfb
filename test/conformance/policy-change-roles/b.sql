create table t (id int primary key, name text);
create policy p on t to dbalign_r2, "Dbalign Role" using (true);
