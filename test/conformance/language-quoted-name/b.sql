create trusted language "PL My" handler plpgsql_call_handler;
