create foreign data wrapper w;
create server s foreign data wrapper w options (host 'db.example');
