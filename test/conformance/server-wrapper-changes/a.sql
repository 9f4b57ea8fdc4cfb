create foreign data wrapper w;
create foreign data wrapper w2;
create server s foreign data wrapper w;
