create text search dictionary my_dict (template = pg_catalog.simple);
comment on text search dictionary my_dict is 'it''s simple';
alter text search dictionary my_dict owner to "Dbalign Role";
create text search configuration my_cfg (copy = pg_catalog.simple);
alter text search configuration my_cfg owner to "Dbalign Role";
