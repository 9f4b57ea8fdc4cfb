create foreign data wrapper w options (debug 'false', level '2');
