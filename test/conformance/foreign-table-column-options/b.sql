create foreign data wrapper w;
create server s foreign data wrapper w options (host 'db.example', port '5432');
create foreign table ft (id int options (column_name 'ID'), name text options (column_name 'Name')) server s;
