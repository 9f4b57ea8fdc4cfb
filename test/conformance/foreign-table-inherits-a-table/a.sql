create foreign data wrapper w;
create server s foreign data wrapper w;
create table parent (id int not null, note text default 'n');
