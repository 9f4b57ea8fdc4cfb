create table readings (id int primary key, value numeric);
-- The function bodies are strings: PostgreSQL records no dependency of total()
-- on rows_of_snapshot(), only of rows_of_snapshot() on the view it returns.
-- (Qualified: PostgreSQL 17 fills a materialized view with a search_path of pg_catalog only.)
create materialized view zz_snapshot as select id, value from public.readings;
create function rows_of_snapshot() returns setof zz_snapshot language sql stable
  as 'select * from public.zz_snapshot';
create function total() returns bigint language sql stable
  as 'select count(*) from public.rows_of_snapshot()';
-- Created populated: its query runs total(), and so rows_of_snapshot(), at once.
create materialized view aa_summary as select public.total() as n;
