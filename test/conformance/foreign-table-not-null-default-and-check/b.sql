create foreign data wrapper w;
create server s foreign data wrapper w options (host 'db.example', port '5432');
create foreign table ft (id int not null, name text default 'x', constraint id_positive check (id > 0)) server s;
