create text search configuration my_cfg (copy = pg_catalog.english);
alter text search configuration my_cfg drop mapping for email, url, url_path;
