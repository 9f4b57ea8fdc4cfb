create extension hstore;
create table t (h hstore);
