-- dbalign stand-in for plpgsql_check 2.8 (the version Supabase ships,
-- 2.8.11). Every function of the real extension exists with its argument
-- names and defaults, so migrations and functions that mention them apply;
-- plpgsql_check_pragma() does what the real one does at run time (nothing,
-- returns 1). Checking, dependency listing, profiling, coverage and tracing
-- need the real library: those functions raise an error naming the
-- stand-in rather than report that a function has no problems.
\echo Use "CREATE EXTENSION plpgsql_check" to load this file. \quit

CREATE FUNCTION @extschema@.__plpgsql_show_dependency_tb(funcoid regprocedure, relid regclass DEFAULT 0, anyelememttype regtype DEFAULT 'integer'::regtype, anyenumtype regtype DEFAULT '-'::regtype, anyrangetype regtype DEFAULT 'int4range'::regtype, anycompatibletype regtype DEFAULT 'integer'::regtype, anycompatiblerangetype regtype DEFAULT 'int4range'::regtype)
RETURNS TABLE(type text, oid oid, schema text, name text, params text)
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run __plpgsql_show_dependency_tb(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.__plpgsql_show_dependency_tb(name text, relid regclass DEFAULT 0, anyelememttype regtype DEFAULT 'integer'::regtype, anyenumtype regtype DEFAULT '-'::regtype, anyrangetype regtype DEFAULT 'int4range'::regtype, anycompatibletype regtype DEFAULT 'integer'::regtype, anycompatiblerangetype regtype DEFAULT 'int4range'::regtype)
RETURNS TABLE(type text, oid oid, schema text, name text, params text)
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run __plpgsql_show_dependency_tb(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_check_function(funcoid regprocedure, relid regclass DEFAULT 0, format text DEFAULT 'text'::text, fatal_errors boolean DEFAULT true, other_warnings boolean DEFAULT true, performance_warnings boolean DEFAULT false, extra_warnings boolean DEFAULT true, security_warnings boolean DEFAULT false, compatibility_warnings boolean DEFAULT false, oldtable name DEFAULT NULL::name, newtable name DEFAULT NULL::name, anyelememttype regtype DEFAULT 'integer'::regtype, anyenumtype regtype DEFAULT '-'::regtype, anyrangetype regtype DEFAULT 'int4range'::regtype, anycompatibletype regtype DEFAULT 'integer'::regtype, anycompatiblerangetype regtype DEFAULT 'int4range'::regtype, without_warnings boolean DEFAULT false, all_warnings boolean DEFAULT false, use_incomment_options boolean DEFAULT true, incomment_options_usage_warning boolean DEFAULT false, constant_tracing boolean DEFAULT true)
RETURNS SETOF text
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_check_function(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_check_function(name text, relid regclass DEFAULT 0, format text DEFAULT 'text'::text, fatal_errors boolean DEFAULT true, other_warnings boolean DEFAULT true, performance_warnings boolean DEFAULT false, extra_warnings boolean DEFAULT true, security_warnings boolean DEFAULT false, compatibility_warnings boolean DEFAULT false, oldtable name DEFAULT NULL::name, newtable name DEFAULT NULL::name, anyelememttype regtype DEFAULT 'integer'::regtype, anyenumtype regtype DEFAULT '-'::regtype, anyrangetype regtype DEFAULT 'int4range'::regtype, anycompatibletype regtype DEFAULT 'integer'::regtype, anycompatiblerangetype regtype DEFAULT 'int4range'::regtype, without_warnings boolean DEFAULT false, all_warnings boolean DEFAULT false, use_incomment_options boolean DEFAULT true, incomment_options_usage_warning boolean DEFAULT false, constant_tracing boolean DEFAULT true)
RETURNS SETOF text
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_check_function(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_check_function_tb(funcoid regprocedure, relid regclass DEFAULT 0, fatal_errors boolean DEFAULT true, other_warnings boolean DEFAULT true, performance_warnings boolean DEFAULT false, extra_warnings boolean DEFAULT true, security_warnings boolean DEFAULT false, compatibility_warnings boolean DEFAULT false, oldtable name DEFAULT NULL::name, newtable name DEFAULT NULL::name, anyelememttype regtype DEFAULT 'integer'::regtype, anyenumtype regtype DEFAULT '-'::regtype, anyrangetype regtype DEFAULT 'int4range'::regtype, anycompatibletype regtype DEFAULT 'integer'::regtype, anycompatiblerangetype regtype DEFAULT 'int4range'::regtype, without_warnings boolean DEFAULT false, all_warnings boolean DEFAULT false, use_incomment_options boolean DEFAULT true, incomment_options_usage_warning boolean DEFAULT false, constant_tracing boolean DEFAULT true)
RETURNS TABLE(functionid regproc, lineno integer, statement text, sqlstate text, message text, detail text, hint text, level text, "position" integer, query text, context text)
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_check_function_tb(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_check_function_tb(name text, relid regclass DEFAULT 0, fatal_errors boolean DEFAULT true, other_warnings boolean DEFAULT true, performance_warnings boolean DEFAULT false, extra_warnings boolean DEFAULT true, security_warnings boolean DEFAULT false, compatibility_warnings boolean DEFAULT false, oldtable name DEFAULT NULL::name, newtable name DEFAULT NULL::name, anyelememttype regtype DEFAULT 'integer'::regtype, anyenumtype regtype DEFAULT '-'::regtype, anyrangetype regtype DEFAULT 'int4range'::regtype, anycompatibletype regtype DEFAULT 'integer'::regtype, anycompatiblerangetype regtype DEFAULT 'int4range'::regtype, without_warnings boolean DEFAULT false, all_warnings boolean DEFAULT false, use_incomment_options boolean DEFAULT true, incomment_options_usage_warning boolean DEFAULT false, constant_tracing boolean DEFAULT true)
RETURNS TABLE(functionid regproc, lineno integer, statement text, sqlstate text, message text, detail text, hint text, level text, "position" integer, query text, context text)
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_check_function_tb(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_check_pragma(VARIADIC name text[])
RETURNS integer
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  -- a pragma only speaks to the checker; at run time it does nothing and gives 1
  RETURN 1;
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_check_profiler(enable boolean DEFAULT NULL::boolean)
RETURNS boolean
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_check_profiler(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_check_tracer(enable boolean DEFAULT NULL::boolean, verbosity text DEFAULT NULL::text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_check_tracer(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_coverage_branches(funcoid regprocedure)
RETURNS double precision
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_coverage_branches(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_coverage_branches(name text)
RETURNS double precision
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_coverage_branches(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_coverage_statements(funcoid regprocedure)
RETURNS double precision
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_coverage_statements(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_coverage_statements(name text)
RETURNS double precision
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_coverage_statements(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_profiler_function_statements_tb(funcoid regprocedure)
RETURNS TABLE(stmtid integer, parent_stmtid integer, parent_note text, block_num integer, lineno integer, queryid bigint, exec_stmts bigint, exec_stmts_err bigint, total_time double precision, avg_time double precision, max_time double precision, processed_rows bigint, stmtname text)
LANGUAGE plpgsql VOLATILE STRICT
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_profiler_function_statements_tb(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_profiler_function_statements_tb(name text)
RETURNS TABLE(stmtid integer, parent_stmtid integer, parent_note text, block_num integer, lineno integer, queryid bigint, exec_stmts bigint, exec_stmts_err bigint, total_time double precision, avg_time double precision, max_time double precision, processed_rows bigint, stmtname text)
LANGUAGE plpgsql VOLATILE STRICT
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_profiler_function_statements_tb(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_profiler_function_tb(funcoid regprocedure)
RETURNS TABLE(lineno integer, stmt_lineno integer, queryids bigint[], cmds_on_row integer, exec_stmts bigint, exec_stmts_err bigint, total_time double precision, avg_time double precision, max_time double precision[], processed_rows bigint[], source text)
LANGUAGE plpgsql VOLATILE STRICT
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_profiler_function_tb(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_profiler_function_tb(name text)
RETURNS TABLE(lineno integer, stmt_lineno integer, queryids bigint[], cmds_on_row integer, exec_stmts bigint, exec_stmts_err bigint, total_time double precision, avg_time double precision, max_time double precision[], processed_rows bigint[], source text)
LANGUAGE plpgsql VOLATILE STRICT
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_profiler_function_tb(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_profiler_functions_all()
RETURNS TABLE(funcoid regprocedure, exec_count bigint, exec_stmts_err bigint, total_time double precision, avg_time double precision, stddev_time double precision, min_time double precision, max_time double precision)
LANGUAGE plpgsql VOLATILE STRICT
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_profiler_functions_all(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_profiler_install_fake_queryid_hook()
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_profiler_install_fake_queryid_hook(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_profiler_remove_fake_queryid_hook()
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_profiler_remove_fake_queryid_hook(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_profiler_reset(funcoid regprocedure)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_profiler_reset(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_profiler_reset_all()
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_profiler_reset_all(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_show_dependency_tb(fnname text, relid regclass DEFAULT 0, anyelememttype regtype DEFAULT 'integer'::regtype, anyenumtype regtype DEFAULT '-'::regtype, anyrangetype regtype DEFAULT 'int4range'::regtype, anycompatibletype regtype DEFAULT 'integer'::regtype, anycompatiblerangetype regtype DEFAULT 'int4range'::regtype)
RETURNS TABLE(type text, oid oid, schema text, name text, params text)
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_show_dependency_tb(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;

CREATE FUNCTION @extschema@.plpgsql_show_dependency_tb(funcoid regprocedure, relid regclass DEFAULT 0, anyelememttype regtype DEFAULT 'integer'::regtype, anyenumtype regtype DEFAULT '-'::regtype, anyrangetype regtype DEFAULT 'int4range'::regtype, anycompatibletype regtype DEFAULT 'integer'::regtype, anycompatiblerangetype regtype DEFAULT 'int4range'::regtype)
RETURNS TABLE(type text, oid oid, schema text, name text, params text)
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  RAISE EXCEPTION 'plpgsql_check (dbalign stand-in) cannot run plpgsql_show_dependency_tb(): checking and profiling PL/pgSQL needs the real plpgsql_check library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real plpgsql_check.';
END
$fn$;


