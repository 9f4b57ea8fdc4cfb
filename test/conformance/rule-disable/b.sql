create table t (id int primary key, name text);
create rule r as on delete to t do instead nothing;
alter table t disable rule r;
