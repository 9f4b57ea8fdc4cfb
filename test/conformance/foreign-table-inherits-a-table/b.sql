create foreign data wrapper w;
create server s foreign data wrapper w;
create table parent (id int not null, note text default 'n');
create foreign table child (extra text options (column_name 'x')) inherits (parent) server s options (table_name 'c');
