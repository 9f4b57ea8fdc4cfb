create table orders (id int primary key, status text not null);
-- A row, so that adding the CHECK runs it.
insert into orders values (1, 'open');
