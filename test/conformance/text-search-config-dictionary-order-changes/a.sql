create text search dictionary "Stop Words" (template = pg_catalog.simple, stopwords = english);
create text search configuration my_cfg (copy = pg_catalog.english);
alter text search configuration my_cfg alter mapping for asciiword, word with "Stop Words", english_stem;
create view doc_words as select to_tsvector('public.my_cfg'::regconfig, 'a b') as words;
