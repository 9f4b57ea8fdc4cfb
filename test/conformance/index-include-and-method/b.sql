create table t (id int primary key, name text);
create index i on t using btree (id) include (name);
create index h on t using hash (name);
