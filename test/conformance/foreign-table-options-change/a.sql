create foreign data wrapper w;
create server s foreign data wrapper w options (host 'db.example', port '5432');
create foreign table ft (id int) server s options (table_name 'a', fetch 'x');
