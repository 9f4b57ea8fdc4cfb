create text search configuration my_cfg (copy = pg_catalog.english);
create table docs (id int, body text, fts tsvector generated always as (to_tsvector('public.my_cfg'::regconfig, coalesce(body, ''))) stored);
