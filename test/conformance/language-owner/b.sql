create trusted language plmy handler plpgsql_call_handler validator plpgsql_validator;
alter language plmy owner to dbalign_r1;
