create text search configuration my_cfg (copy = pg_catalog.english);
create table docs (id int, body text);
create view doc_words as select id, to_tsvector('public.my_cfg'::regconfig, body) as words from docs;
