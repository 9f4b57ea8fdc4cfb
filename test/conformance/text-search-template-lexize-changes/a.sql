create text search template my_tmpl (init = dsimple_init, lexize = dsimple_lexize);
create text search dictionary tmpl_dict (template = my_tmpl, stopwords = english);
create text search configuration my_cfg (copy = pg_catalog.simple);
alter text search configuration my_cfg alter mapping for asciiword with tmpl_dict;
