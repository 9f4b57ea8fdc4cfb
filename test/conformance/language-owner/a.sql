create trusted language plmy handler plpgsql_call_handler validator plpgsql_validator;
