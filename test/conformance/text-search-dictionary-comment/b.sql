create text search dictionary my_dict (template = pg_catalog.simple, stopwords = english);
comment on text search dictionary my_dict is 'simple with english stop words';
