/**
 * supabase_functions, the schema of database webhooks, as the Supabase CLI
 * creates it (see SOURCES in ../supabase-profile.ts): the hooks audit table
 * and http_request(), the trigger function a webhook runs. http_request()
 * calls net.http_get/net.http_post, so firing a webhook needs pg_net (or its
 * stand-in); creating the trigger does not.
 */
export const FUNCTIONS_SQL = `
CREATE SCHEMA supabase_functions AUTHORIZATION supabase_admin;
GRANT USAGE ON SCHEMA supabase_functions TO postgres, anon, authenticated, service_role;
GRANT ALL ON SCHEMA supabase_functions TO supabase_functions_admin;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON TABLES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
SET ROLE supabase_functions_admin;
CREATE TABLE supabase_functions.migrations (
  version text CONSTRAINT migrations_pkey PRIMARY KEY,
  inserted_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO supabase_functions.migrations (version) VALUES ('initial'), ('20210809183423_update_grants');
CREATE TABLE supabase_functions.hooks (
  id bigserial CONSTRAINT hooks_pkey PRIMARY KEY,
  hook_table_id integer NOT NULL,
  hook_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  request_id bigint
);
CREATE INDEX supabase_functions_hooks_request_id_idx ON supabase_functions.hooks (request_id);
CREATE INDEX supabase_functions_hooks_h_table_id_h_name_idx ON supabase_functions.hooks (hook_table_id, hook_name);
-- Trigger arguments: url, method (GET or POST), headers (json), params (json), timeout in ms.
CREATE FUNCTION supabase_functions.http_request() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = supabase_functions AS $f$
DECLARE
  url text := TG_ARGV[0];
  method text := TG_ARGV[1];
  headers jsonb := coalesce(nullif(TG_ARGV[2], 'null')::jsonb, '{"Content-Type": "application/json"}');
  params jsonb := coalesce(nullif(TG_ARGV[3], 'null')::jsonb, '{}');
  timeout_ms integer := coalesce(nullif(TG_ARGV[4], 'null')::integer, 1000);
  request_id bigint;
BEGIN
  IF url IS NULL OR url = 'null' THEN
    RAISE EXCEPTION 'url argument is missing';
  END IF;
  IF method = 'GET' THEN
    request_id := net.http_get(url, params, headers, timeout_ms);
  ELSIF method = 'POST' THEN
    request_id := net.http_post(url,
      jsonb_build_object('old_record', OLD, 'record', NEW, 'type', TG_OP, 'table', TG_TABLE_NAME, 'schema', TG_TABLE_SCHEMA),
      params, headers, timeout_ms);
  ELSE
    RAISE EXCEPTION 'method argument % is invalid', coalesce(method, 'null');
  END IF;
  INSERT INTO supabase_functions.hooks (hook_table_id, hook_name, request_id) VALUES (TG_RELID, TG_NAME, request_id);
  RETURN NEW;
END
$f$;
REVOKE ALL ON FUNCTION supabase_functions.http_request() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION supabase_functions.http_request() TO postgres, anon, authenticated, service_role;
GRANT ALL ON supabase_functions.migrations, supabase_functions.hooks TO postgres, anon, authenticated, service_role;
GRANT ALL ON SEQUENCE supabase_functions.hooks_id_seq TO postgres, anon, authenticated, service_role;
RESET ROLE;
`;
