create text search configuration my_cfg (copy = pg_catalog.english);
alter text search configuration my_cfg owner to dbalign_r1;
