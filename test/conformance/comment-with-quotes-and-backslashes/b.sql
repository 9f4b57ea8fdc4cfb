create table t (id int);
comment on table t is E'it''s a \\ back\nslash';
