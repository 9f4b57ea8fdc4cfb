create text search configuration my_cfg (parser = pg_catalog."default");
alter text search configuration my_cfg add mapping for asciiword, word with simple;
