/**
 * What a Supabase database has before any migration runs: the roles
 * migrations grant to and the auth, storage and extensions objects they
 * reference. Applied to the local database on reset and to shadow databases,
 * so real Supabase projects' migrations apply without Docker.
 */
import { inTransaction, type Client } from '../db/connection.js';

/** Schemas Supabase manages; out of a diff's scope for a Supabase database. */
export const SUPABASE_SCHEMAS = [
  'auth',
  'storage',
  'realtime',
  '_realtime',
  'extensions',
  'graphql',
  'graphql_public',
  'vault',
  'pgsodium',
  'pgsodium_masks',
  'supabase_functions',
  'supabase_migrations',
  'net',
  'pgbouncer',
  'pgtle',
  'cron',
  '_analytics',
  'pg_net',
  'dbalign',
] as const;

const ROLES: Array<[string, string]> = [
  ['anon', 'NOLOGIN NOINHERIT'],
  ['authenticated', 'NOLOGIN NOINHERIT'],
  ['service_role', 'NOLOGIN NOINHERIT BYPASSRLS'],
  ['authenticator', 'LOGIN NOINHERIT'],
  ['supabase_admin', 'LOGIN CREATEROLE CREATEDB REPLICATION BYPASSRLS'],
  ['supabase_auth_admin', 'LOGIN NOINHERIT CREATEROLE'],
  ['supabase_storage_admin', 'LOGIN NOINHERIT CREATEROLE'],
  ['supabase_realtime_admin', 'NOLOGIN NOINHERIT'],
  ['supabase_replication_admin', 'LOGIN REPLICATION'],
  ['supabase_read_only_user', 'LOGIN BYPASSRLS'],
  ['dashboard_user', 'NOLOGIN CREATEROLE CREATEDB REPLICATION'],
  ['pgbouncer', 'LOGIN'],
];

/** Roles are cluster-wide: created once per server, idempotently. */
function rolesSql(): string {
  return ROLES.map(
    ([name, opts]) =>
      `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${name}') THEN CREATE ROLE ${name} ${opts}; END IF;
       EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;`,
  ).join('\n');
}

const OBJECTS = `
GRANT anon, authenticated, service_role TO authenticator;
CREATE SCHEMA IF NOT EXISTS extensions;
CREATE SCHEMA IF NOT EXISTS auth AUTHORIZATION supabase_auth_admin;
CREATE SCHEMA IF NOT EXISTS storage AUTHORIZATION supabase_storage_admin;
CREATE SCHEMA IF NOT EXISTS realtime;
CREATE SCHEMA IF NOT EXISTS graphql_public;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;
GRANT USAGE ON SCHEMA public, extensions, graphql_public TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA auth, storage TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;

CREATE TABLE auth.users (
  instance_id uuid,
  id uuid NOT NULL PRIMARY KEY,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text UNIQUE DEFAULT NULL,
  phone_confirmed_at timestamptz,
  confirmed_at timestamptz GENERATED ALWAYS AS (LEAST(email_confirmed_at, phone_confirmed_at)) STORED,
  banned_until timestamptz,
  deleted_at timestamptz,
  is_sso_user boolean NOT NULL DEFAULT false,
  is_anonymous boolean NOT NULL DEFAULT false
);
ALTER TABLE auth.users OWNER TO supabase_auth_admin;
ALTER TABLE auth.users ENABLE ROW LEVEL SECURITY;
CREATE TABLE auth.identities (
  id uuid NOT NULL DEFAULT extensions.uuid_generate_v4() PRIMARY KEY,
  provider_id text NOT NULL,
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  identity_data jsonb NOT NULL,
  provider text NOT NULL,
  email text GENERATED ALWAYS AS (lower(identity_data->>'email')) STORED,
  created_at timestamptz,
  updated_at timestamptz
);
ALTER TABLE auth.identities OWNER TO supabase_auth_admin;
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $f$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
$f$;
CREATE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $f$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
$f$;
CREATE FUNCTION auth.email() RETURNS text LANGUAGE sql STABLE AS $f$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.email', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email'))::text
$f$;
CREATE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $f$
  SELECT coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                  nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$f$;
ALTER FUNCTION auth.uid() OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.role() OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.email() OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.jwt() OWNER TO supabase_auth_admin;
GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.email(), auth.jwt() TO anon, authenticated, service_role;
GRANT SELECT ON auth.users TO service_role;

CREATE TABLE storage.buckets (
  id text NOT NULL PRIMARY KEY,
  name text NOT NULL UNIQUE,
  owner uuid,
  owner_id text,
  public boolean DEFAULT false,
  avif_autodetection boolean DEFAULT false,
  file_size_limit bigint,
  allowed_mime_types text[],
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now()
);
CREATE TABLE storage.objects (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  bucket_id text REFERENCES storage.buckets (id),
  name text,
  owner uuid,
  owner_id text,
  metadata jsonb,
  user_metadata jsonb,
  version text,
  path_tokens text[] GENERATED ALWAYS AS (string_to_array(name, '/')) STORED,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  last_accessed_at timestamptz DEFAULT now()
);
CREATE UNIQUE INDEX bucketid_objname ON storage.objects (bucket_id, name);
ALTER TABLE storage.buckets OWNER TO supabase_storage_admin;
ALTER TABLE storage.objects OWNER TO supabase_storage_admin;
ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;
GRANT ALL ON storage.buckets, storage.objects TO anon, authenticated, service_role;
CREATE FUNCTION storage.foldername(name text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE parts text[];
BEGIN
  SELECT string_to_array(name, '/') INTO parts;
  RETURN parts[1:array_length(parts, 1) - 1];
END
$f$;
CREATE FUNCTION storage.filename(name text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE parts text[];
BEGIN
  SELECT string_to_array(name, '/') INTO parts;
  RETURN parts[array_length(parts, 1)];
END
$f$;
CREATE FUNCTION storage.extension(name text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE parts text[]; fname text;
BEGIN
  SELECT string_to_array(name, '/') INTO parts;
  SELECT parts[array_length(parts, 1)] INTO fname;
  RETURN reverse(split_part(reverse(fname), '.', 1));
END
$f$;
GRANT EXECUTE ON FUNCTION storage.foldername(text), storage.filename(text), storage.extension(text) TO anon, authenticated, service_role;
CREATE PUBLICATION supabase_realtime;
`;

/** Gives a fresh database what Supabase's platform puts there. */
export async function applySupabaseProfile(client: Client): Promise<void> {
  await client.query(rolesSql());
  const has = await client.query<{ ok: boolean }>(`SELECT to_regclass('auth.users') IS NOT NULL AS ok`);
  if (has.rows[0]!.ok) return;
  await inTransaction(client, () => client.query(OBJECTS));
}

/** Is this database a Supabase one (its schemas and roles say so)? */
export async function looksLikeSupabase(client: Client): Promise<boolean> {
  const res = await client.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'auth')
        AND EXISTS (SELECT FROM pg_roles WHERE rolname IN ('authenticated', 'service_role')) AS ok`,
  );
  return res.rows[0]!.ok;
}
