create trusted language plmy handler plpgsql_call_handler validator plpgsql_validator;
grant usage on language plmy to dbalign_r1;
