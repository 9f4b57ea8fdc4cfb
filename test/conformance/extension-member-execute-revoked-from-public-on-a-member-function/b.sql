create extension pg_trgm;
revoke execute on function show_trgm(text) from public;
