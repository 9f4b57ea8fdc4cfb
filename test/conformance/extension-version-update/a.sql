create extension pg_trgm version '1.4';
