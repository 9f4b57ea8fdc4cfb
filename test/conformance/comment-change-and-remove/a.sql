create table t (id int);
comment on table t is 'a';
comment on column t.id is 'b';
