create text search template my_tmpl (init = dsimple_init, lexize = dsimple_lexize);
create text search dictionary tmpl_dict (template = my_tmpl, stopwords = english);
