-- dbalign stand-in for pg_graphql 1.6.1: the graphql schema with its
-- functions (resolve, comment_directive, exception, the schema version and
-- the DDL event triggers that bump it) under pg_graphql's names and
-- signatures, so migrations that grant on them, call comment_directive or
-- put @graphql comment directives on tables apply. The stand-in has no
-- GraphQL engine: graphql.resolve raises an error naming it.
\echo Use "CREATE EXTENSION pg_graphql" to load this file. \quit

CREATE SEQUENCE IF NOT EXISTS graphql.seq_schema_version AS integer CYCLE;

CREATE FUNCTION graphql.increment_schema_version() RETURNS event_trigger SECURITY DEFINER LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_catalog.nextval('graphql.seq_schema_version');
END
$fn$;

CREATE FUNCTION graphql.get_schema_version() RETURNS integer SECURITY DEFINER LANGUAGE sql AS $fn$
  SELECT last_value FROM graphql.seq_schema_version
$fn$;

CREATE EVENT TRIGGER graphql_watch_ddl ON ddl_command_end EXECUTE FUNCTION graphql.increment_schema_version();
CREATE EVENT TRIGGER graphql_watch_drop ON sql_drop EXECUTE FUNCTION graphql.increment_schema_version();

-- '@graphql({...})' in a comment, as JSON; an empty object when there is none.
CREATE FUNCTION graphql.comment_directive(comment_ text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $fn$
  SELECT coalesce((regexp_match(comment_, '@graphql\((.+)\)'))[1]::jsonb, jsonb_build_object())
$fn$;

CREATE FUNCTION graphql.exception(message text) RETURNS text LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION USING ERRCODE = '22000', MESSAGE = message;
END
$fn$;

CREATE FUNCTION graphql._internal_resolve("query" text, "variables" jsonb DEFAULT '{}', "operationName" text DEFAULT NULL,
                                          "extensions" jsonb DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'graphql.resolve cannot answer: this database has the dbalign stand-in for pg_graphql, which has no GraphQL engine'
    USING ERRCODE = '0A000', HINT = 'use a database with the real pg_graphql to resolve GraphQL queries';
END
$fn$;

CREATE FUNCTION graphql.resolve("query" text, "variables" jsonb DEFAULT '{}', "operationName" text DEFAULT NULL,
                                "extensions" jsonb DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql AS $fn$
BEGIN
  -- pg_graphql turns its own errors into a GraphQL errors response; the stand-in's is raised, never an answer.
  RETURN graphql._internal_resolve("query" := "query", "variables" := "variables", "operationName" := "operationName", "extensions" := "extensions");
END
$fn$;
