create text search configuration my_cfg (parser = pg_catalog."default");
