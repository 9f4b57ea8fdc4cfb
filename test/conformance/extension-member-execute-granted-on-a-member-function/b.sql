create extension pg_trgm;
grant execute on function similarity(text, text) to dbalign_r1;
