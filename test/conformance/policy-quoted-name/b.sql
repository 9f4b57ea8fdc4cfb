create table t (id int primary key, name text);
create policy "Users can see ""their"" rows" on t for all using (true);
