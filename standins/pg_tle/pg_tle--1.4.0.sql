-- dbalign stand-in for pg_tle 1.4.0 (the version Supabase ships). The real
-- extension's catalog: role pgtle_admin, schema pgtle, its types, the
-- feature_info table, every function with its argument names and defaults,
-- and the event trigger. Registering hook functions (register_feature,
-- unregister_feature) is recorded as the real one records it; listing
-- installed extensions gives none. Installing an extension
-- (install_extension, install_extension_version_sql, install_update_path)
-- and creating C-backed types need the real library's hooks: they raise an
-- error naming the stand-in.
\echo Use "CREATE EXTENSION pg_tle" to load this file. \quit

DO $role$
BEGIN
  -- roles are shared by the server's databases: another may be creating it now
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'pgtle_admin') THEN
    BEGIN
      CREATE ROLE pgtle_admin NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
END
$role$;
GRANT USAGE, CREATE ON SCHEMA pgtle TO pgtle_admin;

CREATE TYPE pgtle.pg_tle_features AS ENUM ('passcheck', 'clientauth');
CREATE TYPE pgtle.password_types AS ENUM ('PASSWORD_TYPE_PLAINTEXT', 'PASSWORD_TYPE_MD5', 'PASSWORD_TYPE_SCRAM_SHA_256');
CREATE TYPE pgtle.clientauth_port_subset AS (
  noblock boolean,
  remote_host text,
  remote_hostname text,
  remote_hostname_resolv integer,
  remote_hostname_errcode integer,
  database_name text,
  user_name text
);

CREATE TABLE pgtle.feature_info (
  feature pgtle.pg_tle_features NOT NULL,
  schema_name text NOT NULL,
  proname text NOT NULL,
  obj_identity text NOT NULL,
  PRIMARY KEY (feature, schema_name, proname)
);
SELECT pg_catalog.pg_extension_config_dump('pgtle.feature_info', '');
GRANT SELECT ON pgtle.feature_info TO PUBLIC;
GRANT INSERT, DELETE ON pgtle.feature_info TO pgtle_admin;

CREATE FUNCTION pgtle.available_extension_versions(OUT name name, OUT version text, OUT superuser boolean, OUT trusted boolean, OUT relocatable boolean, OUT schema name, OUT requires name[], OUT comment text)
RETURNS SETOF record
LANGUAGE plpgsql STABLE STRICT
AS $fn$
BEGIN
  -- none: install_extension() cannot install any here
  RETURN;
END
$fn$;

CREATE FUNCTION pgtle.available_extensions(OUT name name, OUT default_version text, OUT comment text)
RETURNS SETOF record
LANGUAGE plpgsql STABLE STRICT
AS $fn$
BEGIN
  -- none: install_extension() cannot install any here
  RETURN;
END
$fn$;

CREATE FUNCTION pgtle.create_base_type(typenamespace regnamespace, typename name, infunc regprocedure, outfunc regprocedure, internallength integer, alignment text DEFAULT 'int4'::text, storage text DEFAULT 'plain'::text)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pgtle
AS $fn$
BEGIN
  RAISE EXCEPTION 'pg_tle (dbalign stand-in) cannot run pgtle.create_base_type(): it needs the real pg_tle library loaded in the server'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real pg_tle.';
END
$fn$;

CREATE FUNCTION pgtle.create_base_type_if_not_exists(typenamespace regnamespace, typename name, infunc regprocedure, outfunc regprocedure, internallength integer, alignment text DEFAULT 'int4'::text, storage text DEFAULT 'plain'::text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pgtle
AS $fn$
BEGIN
  RAISE EXCEPTION 'pg_tle (dbalign stand-in) cannot run pgtle.create_base_type_if_not_exists(): it needs the real pg_tle library loaded in the server'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real pg_tle.';
END
$fn$;

CREATE FUNCTION pgtle.create_operator_func(typenamespace regnamespace, typename name, opfunc regprocedure)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pgtle
AS $fn$
BEGIN
  RAISE EXCEPTION 'pg_tle (dbalign stand-in) cannot run pgtle.create_operator_func(): it needs the real pg_tle library loaded in the server'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real pg_tle.';
END
$fn$;

CREATE FUNCTION pgtle.create_operator_func_if_not_exists(typenamespace regnamespace, typename name, opfunc regprocedure)
RETURNS boolean
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pgtle
AS $fn$
BEGIN
  RAISE EXCEPTION 'pg_tle (dbalign stand-in) cannot run pgtle.create_operator_func_if_not_exists(): it needs the real pg_tle library loaded in the server'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real pg_tle.';
END
$fn$;

CREATE FUNCTION pgtle.create_shell_type(typenamespace regnamespace, typename name)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pgtle
AS $fn$
BEGIN
  RAISE EXCEPTION 'pg_tle (dbalign stand-in) cannot run pgtle.create_shell_type(): it needs the real pg_tle library loaded in the server'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real pg_tle.';
END
$fn$;

CREATE FUNCTION pgtle.create_shell_type_if_not_exists(typenamespace regnamespace, typename name)
RETURNS boolean
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pgtle
AS $fn$
BEGIN
  RAISE EXCEPTION 'pg_tle (dbalign stand-in) cannot run pgtle.create_shell_type_if_not_exists(): it needs the real pg_tle library loaded in the server'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real pg_tle.';
END
$fn$;

CREATE FUNCTION pgtle.extension_update_paths(name name, OUT source text, OUT target text, OUT path text)
RETURNS SETOF record
LANGUAGE plpgsql STABLE STRICT
AS $fn$
BEGIN
  RAISE EXCEPTION 'Extension % does not exist', name USING ERRCODE = 'no_data_found';
END
$fn$;

CREATE FUNCTION pgtle.install_extension(name text, version text, description text, ext text, requires text[] DEFAULT NULL::text[])
RETURNS boolean
LANGUAGE plpgsql VOLATILE SET search_path = pgtle
AS $fn$
BEGIN
  -- The real pg_tle makes CREATE EXTENSION find extensions stored in the
  -- database through hooks of its library; without it nothing could create
  -- them, so installing one is refused here rather than recorded in vain.
  RAISE EXCEPTION 'pg_tle (dbalign stand-in) cannot install extensions (pgtle.install_extension): CREATE EXTENSION finds them only through the real pg_tle library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real pg_tle.';
END
$fn$;

CREATE FUNCTION pgtle.install_extension_version_sql(name text, version text, ext text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SET search_path = pgtle
AS $fn$
BEGIN
  -- The real pg_tle makes CREATE EXTENSION find extensions stored in the
  -- database through hooks of its library; without it nothing could create
  -- them, so installing one is refused here rather than recorded in vain.
  RAISE EXCEPTION 'pg_tle (dbalign stand-in) cannot install extensions (pgtle.install_extension_version_sql): CREATE EXTENSION finds them only through the real pg_tle library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real pg_tle.';
END
$fn$;

CREATE FUNCTION pgtle.install_update_path(name text, fromvers text, tovers text, ext text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SET search_path = pgtle
AS $fn$
BEGIN
  -- The real pg_tle makes CREATE EXTENSION find extensions stored in the
  -- database through hooks of its library; without it nothing could create
  -- them, so installing one is refused here rather than recorded in vain.
  RAISE EXCEPTION 'pg_tle (dbalign stand-in) cannot install extensions (pgtle.install_update_path): CREATE EXTENSION finds them only through the real pg_tle library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real pg_tle.';
END
$fn$;

CREATE FUNCTION pgtle.pg_tle_feature_info_sql_drop()
RETURNS event_trigger
LANGUAGE plpgsql VOLATILE
AS $fn$
DECLARE
  obj record;
BEGIN
  -- a function registered as a hook cannot be dropped while it is registered
  FOR obj IN SELECT * FROM pg_catalog.pg_event_trigger_dropped_objects() WHERE object_type IN ('function', 'procedure') LOOP
    IF EXISTS (SELECT 1 FROM pgtle.feature_info f WHERE f.obj_identity = obj.object_identity) THEN
      RAISE EXCEPTION 'Function is referenced in pgtle.feature_info';
    END IF;
  END LOOP;
END
$fn$;

CREATE FUNCTION pgtle.register_feature(proc regproc, feature pgtle.pg_tle_features)
RETURNS void
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  INSERT INTO pgtle.feature_info (feature, schema_name, proname, obj_identity)
  SELECT register_feature.feature, n.nspname, p.proname, (pg_catalog.pg_identify_object('pg_catalog.pg_proc'::regclass, p.oid, 0)).identity
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  WHERE p.oid = proc;
END
$fn$;

CREATE FUNCTION pgtle.register_feature_if_not_exists(proc regproc, feature pgtle.pg_tle_features)
RETURNS boolean
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  PERFORM pgtle.register_feature(proc, feature);
  RETURN true;
EXCEPTION WHEN unique_violation THEN
  RETURN false;
END
$fn$;

CREATE FUNCTION pgtle.set_default_version(name text, version text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SET search_path = pgtle
AS $fn$
BEGIN
  RAISE EXCEPTION 'Extension % does not exist', name USING ERRCODE = 'no_data_found';
END
$fn$;

CREATE FUNCTION pgtle.uninstall_extension(extname text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pgtle
AS $fn$
BEGIN
  -- nothing can be installed here (see install_extension), so nothing exists
  RAISE EXCEPTION 'Extension % does not exist', extname USING ERRCODE = 'no_data_found';
END
$fn$;

CREATE FUNCTION pgtle.uninstall_extension(extname text, version text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pgtle
AS $fn$
BEGIN
  -- nothing can be installed here (see install_extension), so nothing exists
  RAISE EXCEPTION 'Extension % does not exist', extname USING ERRCODE = 'no_data_found';
END
$fn$;

CREATE FUNCTION pgtle.uninstall_extension_if_exists(extname text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pgtle
AS $fn$
BEGIN
  RETURN false;
END
$fn$;

CREATE FUNCTION pgtle.uninstall_update_path(extname text, fromvers text, tovers text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pgtle
AS $fn$
BEGIN
  -- nothing can be installed here (see install_extension), so nothing exists
  RAISE EXCEPTION 'Extension % does not exist', extname USING ERRCODE = 'no_data_found';
END
$fn$;

CREATE FUNCTION pgtle.uninstall_update_path_if_exists(extname text, fromvers text, tovers text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pgtle
AS $fn$
BEGIN
  RETURN false;
END
$fn$;

CREATE FUNCTION pgtle.unregister_feature(proc regproc, feature pgtle.pg_tle_features)
RETURNS void
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  DELETE FROM pgtle.feature_info f
  WHERE f.feature = unregister_feature.feature
    AND f.obj_identity = (pg_catalog.pg_identify_object('pg_catalog.pg_proc'::regclass, proc, 0)).identity;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Could not unregister "%": does not exist.', proc USING ERRCODE = 'no_data_found';
  END IF;
END
$fn$;

CREATE FUNCTION pgtle.unregister_feature_if_exists(proc regproc, feature pgtle.pg_tle_features)
RETURNS boolean
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  PERFORM pgtle.unregister_feature(proc, feature);
  RETURN true;
EXCEPTION WHEN no_data_found THEN
  RETURN false;
END
$fn$;

REVOKE ALL ON FUNCTION pgtle.create_base_type(typenamespace regnamespace, typename name, infunc regprocedure, outfunc regprocedure, internallength integer, alignment text, storage text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.create_base_type(typenamespace regnamespace, typename name, infunc regprocedure, outfunc regprocedure, internallength integer, alignment text, storage text) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.create_base_type_if_not_exists(typenamespace regnamespace, typename name, infunc regprocedure, outfunc regprocedure, internallength integer, alignment text, storage text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.create_base_type_if_not_exists(typenamespace regnamespace, typename name, infunc regprocedure, outfunc regprocedure, internallength integer, alignment text, storage text) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.create_operator_func(typenamespace regnamespace, typename name, opfunc regprocedure) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.create_operator_func(typenamespace regnamespace, typename name, opfunc regprocedure) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.create_operator_func_if_not_exists(typenamespace regnamespace, typename name, opfunc regprocedure) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.create_operator_func_if_not_exists(typenamespace regnamespace, typename name, opfunc regprocedure) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.create_shell_type(typenamespace regnamespace, typename name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.create_shell_type(typenamespace regnamespace, typename name) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.create_shell_type_if_not_exists(typenamespace regnamespace, typename name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.create_shell_type_if_not_exists(typenamespace regnamespace, typename name) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.install_extension(name text, version text, description text, ext text, requires text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.install_extension(name text, version text, description text, ext text, requires text[]) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.install_extension_version_sql(name text, version text, ext text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.install_extension_version_sql(name text, version text, ext text) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.install_update_path(name text, fromvers text, tovers text, ext text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.install_update_path(name text, fromvers text, tovers text, ext text) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.register_feature(proc regproc, feature pgtle.pg_tle_features) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.register_feature(proc regproc, feature pgtle.pg_tle_features) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.register_feature_if_not_exists(proc regproc, feature pgtle.pg_tle_features) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.register_feature_if_not_exists(proc regproc, feature pgtle.pg_tle_features) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.set_default_version(name text, version text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.set_default_version(name text, version text) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.uninstall_extension(extname text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.uninstall_extension(extname text) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.uninstall_extension(extname text, version text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.uninstall_extension(extname text, version text) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.uninstall_extension_if_exists(extname text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.uninstall_extension_if_exists(extname text) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.uninstall_update_path(extname text, fromvers text, tovers text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.uninstall_update_path(extname text, fromvers text, tovers text) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.uninstall_update_path_if_exists(extname text, fromvers text, tovers text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.uninstall_update_path_if_exists(extname text, fromvers text, tovers text) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.unregister_feature(proc regproc, feature pgtle.pg_tle_features) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.unregister_feature(proc regproc, feature pgtle.pg_tle_features) TO pgtle_admin;
REVOKE ALL ON FUNCTION pgtle.unregister_feature_if_exists(proc regproc, feature pgtle.pg_tle_features) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgtle.unregister_feature_if_exists(proc regproc, feature pgtle.pg_tle_features) TO pgtle_admin;

CREATE EVENT TRIGGER pg_tle_event_trigger_for_drop_function ON sql_drop
  EXECUTE FUNCTION pgtle.pg_tle_feature_info_sql_drop();
