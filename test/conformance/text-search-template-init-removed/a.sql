create text search template my_tmpl (init = dsimple_init, lexize = dsimple_lexize);
