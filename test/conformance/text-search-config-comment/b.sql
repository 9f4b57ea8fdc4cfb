create text search configuration my_cfg (copy = pg_catalog.english);
comment on text search configuration my_cfg is 'english, our way';
