create text search configuration my_cfg (copy = pg_catalog.english);
alter text search configuration my_cfg alter mapping for asciiword, asciihword with simple;
