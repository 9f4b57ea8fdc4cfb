create text search dictionary my_dict (template = pg_catalog.simple, stopwords = english);
