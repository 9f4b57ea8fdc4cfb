create text search configuration my_cfg (copy = pg_catalog.english);
