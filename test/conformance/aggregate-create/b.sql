create function add2(int, int) returns int language sql immutable as $$ select $1 + $2 $$;
create aggregate mysum(int) (sfunc = add2, stype = int, initcond = '0');
