create text search template my_tmpl (lexize = dsimple_lexize);
