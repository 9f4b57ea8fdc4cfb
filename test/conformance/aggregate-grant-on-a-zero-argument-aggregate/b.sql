create aggregate cnt(*) (sfunc = int8inc, stype = int8, initcond = '0');
revoke execute on function cnt() from public;
grant execute on function cnt() to dbalign_r1;
