create foreign data wrapper w;
create server s foreign data wrapper w options (host 'db.example', port '5432');
create user mapping for dbalign_r1 server s options (user 'remote_user', password 'secret-one');
