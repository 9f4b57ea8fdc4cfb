-- dbalign stand-in for pgaudit 1.7.1 (and 17.1 on PostgreSQL 17): the real extension's two event trigger
-- functions and event triggers. pgaudit's effect is outside the database:
-- it writes audit lines to the server log, from hooks of its library. The
-- stand-in writes none (nothing reads a local server's log), and settings
-- such as `ALTER ROLE … SET pgaudit.log = 'write'` are kept by PostgreSQL
-- itself as they are on Supabase.
\echo Use "CREATE EXTENSION pgaudit" to load this file. \quit

CREATE FUNCTION pgaudit_ddl_command_end()
RETURNS event_trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = 'pg_catalog, pg_temp'
AS $$
BEGIN
  -- the real one logs the DDL just run; there is no audit log here
  RETURN;
END
$$;

CREATE EVENT TRIGGER pgaudit_ddl_command_end
  ON ddl_command_end
  EXECUTE FUNCTION pgaudit_ddl_command_end();

CREATE FUNCTION pgaudit_sql_drop()
RETURNS event_trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = 'pg_catalog, pg_temp'
AS $$
BEGIN
  -- the real one logs the objects just dropped; there is no audit log here
  RETURN;
END
$$;

CREATE EVENT TRIGGER pgaudit_sql_drop
  ON sql_drop
  EXECUTE FUNCTION pgaudit_sql_drop();
