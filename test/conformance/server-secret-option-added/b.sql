create foreign data wrapper w;
create server s foreign data wrapper w options (host 'db.example', password 'Added-Pa55', api_key 'sk_live_123');
