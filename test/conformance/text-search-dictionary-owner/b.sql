create text search dictionary my_dict (template = pg_catalog.simple, stopwords = english);
alter text search dictionary my_dict owner to dbalign_r2;
