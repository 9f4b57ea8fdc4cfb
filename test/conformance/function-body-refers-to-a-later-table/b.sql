set check_function_bodies = off;
create function c() returns bigint language sql as $$ select count(*) from zz $$;
create table zz (a int);
