/**
 * What part of a database a snapshot covers. The catalog reads with it, so it lives here,
 * below everything that chooses a scope (the procedure layer builds one per command).
 */

/** `supabase` leaves the platform's own schemas out and compares only RLS flags of its managed tables. */
export type Profile = 'plain' | 'supabase';

export interface Scope {
  includeSchemas?: string[];
  excludeSchemas?: string[];
  profile: Profile;
  withOwners?: boolean;
}

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

/**
 * Extensions a Supabase database has from the start, their schemas, and the
 * last major whose images install them (pgsodium: the PostgreSQL 15 images
 * only). In this order (supabase_vault needed pgsodium on those images). Each
 * is created only when the server has it (or a stand-in for it). Every project
 * has them, so a Supabase snapshot leaves them out; other extensions are
 * compared by name wherever they are installed (most in `extensions`).
 */
export const SUPABASE_DEFAULT_EXTENSIONS: ReadonlyArray<readonly [name: string, schema: string, lastMajor?: number]> = [
  ['uuid-ossp', 'extensions'],
  ['pgcrypto', 'extensions'],
  ['pgjwt', 'extensions'],
  ['pg_stat_statements', 'extensions'],
  ['pgsodium', 'pgsodium', 16],
  ['pg_graphql', 'graphql'],
  ['supabase_vault', 'vault'],
];
