create foreign data wrapper w;
grant usage on foreign data wrapper w to dbalign_r1 with grant option;
