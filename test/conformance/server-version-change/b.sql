create foreign data wrapper w;
create server s version '2.0' foreign data wrapper w;
