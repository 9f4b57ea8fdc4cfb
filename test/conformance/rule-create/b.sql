create table t (id int primary key, name text);
create table log (id int);
create rule r as on insert to t do also insert into log values (new.id);
