create text search template my_tmpl (init = dsynonym_init, lexize = dsynonym_lexize);
create text search dictionary tmpl_dict (template = my_tmpl, synonyms = synonym_sample);
create text search configuration my_cfg (copy = pg_catalog.simple);
alter text search configuration my_cfg alter mapping for asciiword with tmpl_dict;
