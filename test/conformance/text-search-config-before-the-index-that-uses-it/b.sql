create text search configuration my_cfg (copy = pg_catalog.english);
create table docs (id int, body text);
create index docs_fts on docs using gin (to_tsvector('public.my_cfg'::regconfig, body));
