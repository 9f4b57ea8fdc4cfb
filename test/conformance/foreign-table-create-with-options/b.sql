create foreign data wrapper w;
create server s foreign data wrapper w options (host 'db.example', port '5432');
create foreign table ft (id int, name text) server s options (schema_name 'remote', table_name 'items');
