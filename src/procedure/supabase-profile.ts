/**
 * What a Supabase database has before any migration runs, written from
 * Supabase's own definitions (SOURCES below): the roles and their
 * attributes, memberships and settings; the search_path; the auth, storage,
 * realtime and supabase_functions schemas with the objects the platform's
 * services create in them, owned by the roles that own them on Supabase and
 * granted as Supabase grants them; the default extensions; the
 * supabase_realtime publication. Applied to the local database on reset and
 * to every shadow database of a Supabase project, so real projects'
 * migrations and seeds apply without Docker.
 */
import { createHash } from 'node:crypto';
import type { Client } from '../db/connection.js';
import { DbalignError } from '../errors.js';
import { rolesSql } from './supabase/roles.js';
import { AUTH_SQL } from './supabase/auth.js';
import { STORAGE_SQL } from './supabase/storage.js';
import { REALTIME_SQL } from './supabase/realtime.js';
import { FUNCTIONS_SQL } from './supabase/functions.js';

/** The Supabase repositories (and commits) the profile follows. */
export const SUPABASE_SOURCES = {
  'supabase/postgres': '7db7e1a9e34b9ffb9b0e3372ccf08eb4fa772f4b (2024-10-23): migrations/db init scripts and migrations',
  'supabase/auth': 'bc32168e13fdc928c98b449fc76bc3fdb9a293c5 (2026-08-20): migrations up to 20260625000000',
  'supabase/storage': '4fa61fba9371c4bd40cbb81509f07bcb3af21683 (2026-08-21): tenant migrations up to 0063',
  'supabase/realtime': '833cf36c3a3603fff5ae5a8a0ce473a21d5fedd4 (2026-08-21): tenant migrations up to 20260709120000',
  'supabase/cli': '1d1e7191268e068fe9cb6aba524d1c619a9c727b (2026-06-01): webhook schema, migration runner (RESET ALL)',
} as const;

/** Schemas Supabase manages (kept with the scope the catalog reads). */
export { SUPABASE_SCHEMAS } from '../catalog/scope.js';
import { SUPABASE_DEFAULT_EXTENSIONS } from '../catalog/scope.js';

/** The search_path of Supabase's postgres role: extensions' functions resolve unqualified. */
export const SUPABASE_SEARCH_PATH = '"$user", public, extensions';


/** The default extensions this server has and installs at its major, as a SQL array. */
const AVAILABLE_SQL = `ARRAY(SELECT name FROM pg_available_extensions WHERE ${SUPABASE_DEFAULT_EXTENSIONS.map(
  ([name, , last]) =>
    `(name = '${name}'${last ? ` AND current_setting('server_version_num')::int < ${(last + 1) * 10000}` : ''})`,
).join(' OR ')})::text[]`;

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Schemas, grants and default privileges of the platform outside the service schemas. */
const PLATFORM_SQL = `
CREATE SCHEMA IF NOT EXISTS extensions;
ALTER SCHEMA extensions OWNER TO postgres;
GRANT USAGE ON SCHEMA extensions TO anon, authenticated, service_role;
GRANT ALL ON SCHEMA extensions TO dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA extensions GRANT ALL ON TABLES TO postgres WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA extensions GRANT ALL ON SEQUENCES TO postgres WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA extensions GRANT ALL ON FUNCTIONS TO postgres WITH GRANT OPTION;

GRANT USAGE ON SCHEMA public TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON TABLES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON TABLES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;

CREATE SCHEMA graphql_public AUTHORIZATION supabase_admin;
GRANT USAGE ON SCHEMA graphql_public TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON TABLES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;
-- PostgREST's GraphQL endpoint: resolves through pg_graphql when it is installed.
CREATE FUNCTION graphql_public.graphql("operationName" text DEFAULT NULL, query text DEFAULT NULL,
    variables jsonb DEFAULT NULL, extensions jsonb DEFAULT NULL) RETURNS jsonb LANGUAGE plpgsql AS $f$
DECLARE result jsonb;
BEGIN
  IF to_regprocedure('graphql.resolve(text, jsonb, text, jsonb)') IS NULL THEN
    RETURN jsonb_build_object('errors', jsonb_build_array(jsonb_build_object('message', 'pg_graphql extension is not enabled.')));
  END IF;
  EXECUTE 'SELECT graphql.resolve(query := $1, variables := coalesce($2, ''{}''), "operationName" := $3, extensions := $4)'
    INTO result USING query, variables, "operationName", extensions;
  RETURN result;
END
$f$;
ALTER FUNCTION graphql_public.graphql(text, text, jsonb, jsonb) OWNER TO supabase_admin;

CREATE PUBLICATION supabase_realtime;
ALTER PUBLICATION supabase_realtime OWNER TO postgres;
`;

/** The extensions part: the default extensions the server has, in Supabase's schemas. */
function extensionsSql(available: ReadonlySet<string>): string {
  return SUPABASE_DEFAULT_EXTENSIONS.filter(([name]) => available.has(name))
    .map(([name, schema]) =>
      `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)};\nCREATE EXTENSION IF NOT EXISTS ${quoteIdent(name)} WITH SCHEMA ${quoteIdent(schema)};`,
    )
    .join('\n');
}

const profileSql = (available: ReadonlySet<string>) =>
  [PLATFORM_SQL, extensionsSql(available), AUTH_SQL, STORAGE_SQL, REALTIME_SQL, FUNCTIONS_SQL].join('\n');

async function availableDefaults(client: Client): Promise<Set<string>> {
  const res = await client.query<{ available: string[] }>(`SELECT ${AVAILABLE_SQL} AS available`);
  return new Set(res.rows[0]!.available);
}

/** Any number that is dbalign's: serialises template builds on one server. */
const TEMPLATE_LOCK = 0x64626131;

/**
 * Creates database `name` with the profile already in it, copied from a
 * template database on the same server that is built once (named after a
 * hash of the profile and the extensions the server has, so a new dbalign or
 * a newly installed extension builds a new one). A copy costs what CREATE
 * DATABASE costs anyway; building the profile in each shadow cost more.
 * `admin` is connected to another database of the server; `open` connects
 * to a database by name.
 */
export async function createSupabaseDatabase(admin: Client, name: string, open: (database: string) => Promise<Client>): Promise<void> {
  await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const available = await availableDefaults(admin);
    const key = createHash('sha256').update(rolesSql()).update(profileSql(available)).digest('hex').slice(0, 12);
    const template = `dbalign_supabase_${key}`;
    const existing = await admin.query<{ datname: string; datistemplate: boolean }>(
      `SELECT datname, datistemplate FROM pg_database WHERE datname LIKE 'dbalign\\_supabase\\_%'`,
    );
    // Marked a template only once complete: anything else is an older profile or an interrupted build.
    if (!existing.rows.some((r) => r.datname === template && r.datistemplate)) {
      for (const { datname } of existing.rows) {
        await admin.query(`ALTER DATABASE ${quoteIdent(datname)} WITH IS_TEMPLATE false`);
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
      }
      await admin.query(`CREATE DATABASE ${quoteIdent(template)}`);
      try {
        const client = await open(template);
        try {
          await applySupabaseProfile(client);
        } catch (err) {
          throw new DbalignError(`the Supabase profile does not apply on this server: ${(err as Error).message}`, { cause: err });
        } finally {
          await client.end();
        }
        await admin.query(`ALTER DATABASE ${quoteIdent(template)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
      } catch (err) {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`).catch(() => undefined);
        throw err;
      }
    }
    await admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
    // Database settings are not copied with the template.
    await admin.query(`ALTER DATABASE ${quoteIdent(name)} SET search_path TO ${SUPABASE_SEARCH_PATH}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => undefined);
  }
}

/**
 * Gives a fresh database what Supabase's platform puts there, in two round
 * trips: roles (cluster-wide, once per server) and a look at the database,
 * then everything else in one transaction. A database that already has
 * auth.users (a real Supabase database, or one done before) is left alone
 * apart from the session's search_path.
 */
export async function applySupabaseProfile(client: Client): Promise<void> {
  const results = (await client.query(`${rolesSql()}
SELECT to_regclass('auth.users') IS NOT NULL AS done,
       current_database() AS db,
       ${AVAILABLE_SQL} AS available`)) as unknown as Array<{
    rows: Array<{ done: boolean; db: string; available: string[] }>;
  }>;
  const look = results[results.length - 1]!.rows[0]!;
  const session = `SET search_path TO ${SUPABASE_SEARCH_PATH};`;
  if (look.done) {
    await client.query(session);
    return;
  }
  await client.query(`BEGIN;
ALTER DATABASE ${quoteIdent(look.db)} SET search_path TO ${SUPABASE_SEARCH_PATH};
${session}
${profileSql(new Set(look.available))}
COMMIT;`).catch(async (err: unknown) => {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  });
}

/**
 * What the Supabase CLI does after each migration file (RESET ALL, so a file's
 * SET search_path does not leak into the next), with the profile's
 * search_path back in place.
 */
export const SUPABASE_SESSION_RESET = `RESET ALL; SET search_path TO ${SUPABASE_SEARCH_PATH}`;

/** Is this database a Supabase one (its schemas and roles say so)? */
export async function looksLikeSupabase(client: Client): Promise<boolean> {
  const res = await client.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'auth')
        AND EXISTS (SELECT FROM pg_roles WHERE rolname IN ('authenticated', 'service_role')) AS ok`,
  );
  return res.rows[0]!.ok;
}
