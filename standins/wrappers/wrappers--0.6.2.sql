-- dbalign stand-in for Supabase Wrappers 0.6.2: the handler, validator and
-- meta functions Wrappers creates for each of its foreign data wrappers
-- (<name>_fdw_handler, <name>_fdw_validator, <name>_fdw_meta) and its
-- statistics table, so CREATE FOREIGN DATA WRAPPER, CREATE SERVER and
-- CREATE FOREIGN TABLE apply as on Supabase. The stand-in reaches no remote
-- service: a handler is PostgreSQL's own input function of the fdw_handler
-- pseudo-type, which does nothing but raise "cannot accept a value of type
-- fdw_handler", so planning a query on a foreign table fails with that
-- error (never a crash, never a connection). The validators accept every
-- option, and the meta functions raise an error naming the stand-in.
\echo Use "CREATE EXTENSION wrappers" to load this file. \quit

CREATE TABLE wrappers_fdw_stats (
  fdw_name text NOT NULL PRIMARY KEY,
  create_times bigint NULL,
  rows_in bigint NULL,
  rows_out bigint NULL,
  bytes_in bigint NULL,
  bytes_out bigint NULL,
  metadata jsonb NULL,
  created_at timestamptz NOT NULL DEFAULT timezone('utc'::text, now()),
  updated_at timestamptz NOT NULL DEFAULT timezone('utc'::text, now())
);
COMMENT ON TABLE wrappers_fdw_stats IS 'Wrappers Foreign Data Wrapper statistics';


CREATE FUNCTION airtable_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION airtable_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION airtable_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'airtable_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION auth0_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION auth0_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION auth0_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'auth0_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION big_query_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION big_query_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION big_query_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'big_query_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION click_house_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION click_house_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION click_house_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'click_house_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION cognito_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION cognito_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION cognito_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'cognito_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION duckdb_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION duckdb_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION duckdb_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'duckdb_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION dynamo_db_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION dynamo_db_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION dynamo_db_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'dynamo_db_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION firebase_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION firebase_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION firebase_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'firebase_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION hello_world_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION hello_world_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION hello_world_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'hello_world_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION iceberg_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION iceberg_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION iceberg_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'iceberg_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION logflare_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION logflare_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION logflare_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'logflare_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION mongodb_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION mongodb_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION mongodb_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'mongodb_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION mssql_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION mssql_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION mssql_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'mssql_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION mysql_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION mysql_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION mysql_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'mysql_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION redis_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION redis_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION redis_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'redis_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION s3_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION s3_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION s3_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 's3_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION s3_vectors_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION s3_vectors_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION s3_vectors_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 's3_vectors_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION stripe_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION stripe_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION stripe_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'stripe_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;

CREATE FUNCTION wasm_fdw_handler() RETURNS fdw_handler LANGUAGE internal STRICT AS 'fdw_handler_in';
CREATE FUNCTION wasm_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;
CREATE FUNCTION wasm_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'wasm_fdw_meta() is not available: this database has the dbalign stand-in for Supabase Wrappers' USING ERRCODE = '0A000';
END
$fn$;
