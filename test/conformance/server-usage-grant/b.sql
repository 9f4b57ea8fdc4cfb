create foreign data wrapper w;
create server s foreign data wrapper w options (host 'db.example', port '5432');
grant usage on foreign server s to dbalign_r1, "Dbalign Role";
