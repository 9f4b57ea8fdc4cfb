create foreign data wrapper w;
create server s foreign data wrapper w options (host 'db.example', port '5432');
create foreign table ft (id int, name text) server s;
grant select on ft to dbalign_r1;
grant select (name) on ft to dbalign_r2;
comment on foreign table ft is 'remote items';
comment on column ft.id is 'the key';
