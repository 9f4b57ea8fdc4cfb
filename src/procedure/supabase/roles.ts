/**
 * The roles of a Supabase database, with the attributes, memberships and
 * settings the supabase/postgres init scripts and migrations give them.
 * Roles belong to the server, not to one database: they are created once per
 * server (the profile checks first), and never altered when they exist, so a
 * server's own superuser is left as it is.
 */

/** [name, attributes] in creation order. */
export const SUPABASE_ROLES: ReadonlyArray<readonly [string, string]> = [
  ['postgres', 'NOLOGIN'], // only when missing: on Supabase it owns user objects
  ['anon', 'NOLOGIN INHERIT'],
  ['authenticated', 'NOLOGIN INHERIT'],
  ['service_role', 'NOLOGIN INHERIT BYPASSRLS'],
  ['authenticator', 'LOGIN NOINHERIT'],
  ['supabase_admin', 'LOGIN SUPERUSER CREATEROLE CREATEDB REPLICATION BYPASSRLS'],
  ['supabase_auth_admin', 'LOGIN NOINHERIT CREATEROLE'],
  ['supabase_storage_admin', 'LOGIN NOINHERIT CREATEROLE'],
  ['supabase_functions_admin', 'LOGIN NOINHERIT CREATEROLE'],
  ['supabase_realtime_admin', 'NOLOGIN NOINHERIT'],
  ['supabase_replication_admin', 'LOGIN REPLICATION'],
  ['supabase_read_only_user', 'LOGIN BYPASSRLS'],
  ['dashboard_user', 'NOLOGIN CREATEROLE CREATEDB REPLICATION'],
  ['pgbouncer', 'LOGIN'],
];

/** role <- members */
export const SUPABASE_MEMBERSHIPS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['anon', ['authenticator', 'postgres']],
  ['authenticated', ['authenticator', 'postgres']],
  ['service_role', ['authenticator', 'postgres']],
  ['authenticator', ['supabase_storage_admin']],
  ['supabase_auth_admin', ['postgres']],
  ['supabase_storage_admin', ['postgres']],
  ['supabase_functions_admin', ['postgres']],
  ['supabase_realtime_admin', ['postgres']],
  ['pg_read_all_data', ['supabase_read_only_user', 'postgres']],
  ['pg_monitor', ['postgres']],
  ['pg_signal_backend', ['postgres']],
];

/**
 * Per-role settings. Left out: authenticator's session_preload_libraries
 * (safeupdate), a library the embedded server does not have.
 */
const ROLE_SETTINGS = `
ALTER ROLE anon SET statement_timeout = '3s';
ALTER ROLE authenticated SET statement_timeout = '8s';
ALTER ROLE authenticator SET statement_timeout = '8s';
ALTER ROLE authenticator SET lock_timeout = '8s';
ALTER ROLE supabase_admin SET search_path = "$user", public, auth, extensions;
ALTER ROLE supabase_auth_admin SET search_path = auth;
ALTER ROLE supabase_auth_admin SET idle_in_transaction_session_timeout = 60000;
ALTER ROLE supabase_storage_admin SET search_path = storage;
ALTER ROLE supabase_functions_admin SET search_path = supabase_functions;
`;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * One DO block: creates the missing roles, and when it created any, their
 * memberships and settings. Two profiles racing on one server are fine: the
 * loser of a race on a role skips it.
 */
export function rolesSql(): string {
  const creates = SUPABASE_ROLES.map(
    ([name, opts]) => `
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${lit(name)}) THEN
    BEGIN
      CREATE ROLE ${name} ${opts};
      created := true;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;`,
  ).join('');
  const grants = SUPABASE_MEMBERSHIPS.map(([role, members]) => `GRANT ${role} TO ${members.join(', ')};`).join('\n');
  const body = `${grants}\n${ROLE_SETTINGS}`
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => `    EXECUTE ${lit(l.replace(/;$/, ''))};`)
    .join('\n');
  return `DO $roles$
DECLARE created boolean := false;
BEGIN${creates}
  IF created THEN
${body}
  END IF;
END $roles$;`;
}
