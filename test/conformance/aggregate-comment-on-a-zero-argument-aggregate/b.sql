create aggregate cnt(*) (sfunc = int8inc, stype = int8, initcond = '0');
comment on aggregate cnt(*) is 'counts rows';
