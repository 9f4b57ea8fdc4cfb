create foreign data wrapper w;
