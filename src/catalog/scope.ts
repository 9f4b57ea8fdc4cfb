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
