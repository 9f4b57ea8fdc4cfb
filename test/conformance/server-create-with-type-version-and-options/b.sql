create foreign data wrapper w;
create server s type 'postgresql' version '15' foreign data wrapper w options (host 'db.example', port '5432');
