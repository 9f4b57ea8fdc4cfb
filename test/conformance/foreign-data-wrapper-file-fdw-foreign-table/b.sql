create extension file_fdw;
create server files foreign data wrapper file_fdw;
create foreign table words (a int, b text) server files options (filename '/dev/null', format 'csv', header 'true');
