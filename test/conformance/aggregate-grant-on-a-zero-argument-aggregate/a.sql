create aggregate cnt(*) (sfunc = int8inc, stype = int8, initcond = '0');
