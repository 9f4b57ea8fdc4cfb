create text search dictionary my_dict (template = pg_catalog.simple);
create text search configuration my_cfg (copy = pg_catalog.simple);
