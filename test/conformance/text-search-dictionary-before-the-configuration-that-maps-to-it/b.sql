create text search dictionary my_dict (template = pg_catalog.simple, stopwords = english);
create text search configuration my_cfg (copy = pg_catalog.english);
alter text search configuration my_cfg alter mapping for asciiword with my_dict, english_stem;
