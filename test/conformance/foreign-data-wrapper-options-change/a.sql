create foreign data wrapper w options (debug 'true', mode 'a');
