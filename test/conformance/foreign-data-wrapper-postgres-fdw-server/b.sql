create extension postgres_fdw;
create server pg_remote foreign data wrapper postgres_fdw options (host '127.0.0.1', port '5432', dbname 'remote');
