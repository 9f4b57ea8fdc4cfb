create function next_code() returns int language sql as 'select 1';
create table t (id int, code int default next_code());
