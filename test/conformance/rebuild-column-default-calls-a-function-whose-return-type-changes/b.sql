create function next_code() returns bigint language sql as 'select 1::bigint';
create table t (id int, code bigint default next_code());
