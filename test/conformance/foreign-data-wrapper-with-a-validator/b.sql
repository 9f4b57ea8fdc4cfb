create foreign data wrapper w validator postgresql_fdw_validator;
