create table orders (id int primary key, status text not null);
insert into orders values (1, 'open');
create view yy_statuses as select 'open'::text as status union all select 'closed';
-- String bodies: PostgreSQL records no dependency of known_status() on statuses().
create function statuses() returns setof yy_statuses language sql stable
  as 'select * from public.yy_statuses';
create function known_status(s text) returns boolean language sql stable
  as 'select exists (select 1 from public.statuses() x where x.status = s)';
alter table orders add constraint orders_status_known check (public.known_status(status));
