create foreign data wrapper w;
create server s version '1.0' foreign data wrapper w;
