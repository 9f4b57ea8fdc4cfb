create table t (id int primary key, name text);
comment on table t is 'the t''s table';
