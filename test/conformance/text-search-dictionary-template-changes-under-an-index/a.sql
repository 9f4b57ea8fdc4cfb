create text search dictionary my_dict (template = pg_catalog.simple, stopwords = english);
create text search configuration my_cfg (copy = pg_catalog.english);
alter text search configuration my_cfg alter mapping for asciiword with my_dict;
create table docs (id int, body text);
create index docs_fts on docs using gin (to_tsvector('public.my_cfg'::regconfig, body));
