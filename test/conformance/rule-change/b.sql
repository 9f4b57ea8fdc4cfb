create table t (id int primary key, name text);
create rule r as on update to t do instead nothing;
