/**
 * The migration history table, as the Supabase CLI defines it, so a project
 * moves between the Supabase CLI and dbalign without conversion. Writes name
 * their columns, so extra columns other tools add are left alone.
 */
import type { Client } from '../db/connection.js';
import { DbalignError } from '../errors.js';

export const HISTORY_TABLE = 'supabase_migrations.schema_migrations';
export const SEED_TABLE = 'supabase_migrations.seed_files';

export interface HistoryRow {
  version: string;
  name: string | null;
  /** The statements recorded when it was applied; null when never recorded. */
  statements: string[] | null;
}

export interface SeedRow {
  path: string;
  hash: string;
}

/** Creates the history tables when missing; run inside the writing transaction. */
export async function ensureHistoryTables(client: Client): Promise<void> {
  const exists = await client.query<{ h: string | null; s: string | null; n: boolean; st: boolean }>(
    `SELECT to_regclass('${HISTORY_TABLE}')::text AS h, to_regclass('${SEED_TABLE}')::text AS s,
            EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('${HISTORY_TABLE}') AND attname = 'name' AND NOT attisdropped) AS n,
            EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('${HISTORY_TABLE}') AND attname = 'statements' AND NOT attisdropped) AS st`,
  );
  const row = exists.rows[0]!;
  if (row.h && row.s && row.n && row.st) return;
  await client.query(`SET LOCAL lock_timeout = '10s'`);
  // dbalign's own DDL: the guard (procedure/guard.ts) does not record it.
  await client.query(`SELECT set_config('dbalign.applying', 'on', true)`);
  await client.query('CREATE SCHEMA IF NOT EXISTS supabase_migrations');
  await client.query(`CREATE TABLE IF NOT EXISTS ${HISTORY_TABLE} (version text NOT NULL PRIMARY KEY)`);
  await client.query(`ALTER TABLE ${HISTORY_TABLE} ADD COLUMN IF NOT EXISTS statements text[]`);
  await client.query(`ALTER TABLE ${HISTORY_TABLE} ADD COLUMN IF NOT EXISTS name text`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${SEED_TABLE} (path text NOT NULL PRIMARY KEY, hash text NOT NULL)`);
}

/** The history rows, or none when the table does not exist yet. */
export async function readHistory(client: Client): Promise<HistoryRow[]> {
  const present = await client.query<{ t: string | null; cols: string[] | null }>(
    `SELECT to_regclass('${HISTORY_TABLE}')::text AS t,
            (SELECT array_agg(attname::text) FROM pg_attribute
              WHERE attrelid = to_regclass('${HISTORY_TABLE}') AND attnum > 0 AND NOT attisdropped) AS cols`,
  );
  const { t, cols } = present.rows[0]!;
  if (!t) return [];
  const columns = cols ?? [];
  // Old Supabase CLI versions created the table with version alone.
  const name = columns.includes('name') ? 'name' : 'NULL::text';
  const statements = columns.includes('statements') ? 'statements' : 'NULL::text[]';
  try {
    const res = await client.query<HistoryRow>(
      `SELECT version, ${name} AS name, ${statements} AS statements FROM ${HISTORY_TABLE}`,
    );
    return res.rows;
  } catch (err) {
    throw new DbalignError(`cannot read ${HISTORY_TABLE}: ${(err as Error).message}; check that the user may read it`, { cause: err });
  }
}

/** Records a migration as applied (replacing an earlier record of it). */
export async function recordMigration(client: Client, row: HistoryRow): Promise<void> {
  await client.query(
    `INSERT INTO ${HISTORY_TABLE} (version, name, statements) VALUES ($1, $2, $3)
     ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, statements = EXCLUDED.statements`,
    [row.version, row.name, row.statements],
  );
}

/** Records a migration that must not have been recorded before. */
export async function insertMigration(client: Client, row: HistoryRow): Promise<void> {
  const res = await client.query(
    `INSERT INTO ${HISTORY_TABLE} (version, name, statements) VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING`,
    [row.version, row.name, row.statements],
  );
  if (res.rowCount !== 1) {
    throw new DbalignError(
      `migration ${row.version} was recorded by another run meanwhile: run \`dbalign status\` and then push again`,
    );
  }
}

/** Deletes history rows; returns the versions that were there. */
export async function deleteMigrations(client: Client, versions: readonly string[]): Promise<string[]> {
  const res = await client.query<{ version: string }>(
    `DELETE FROM ${HISTORY_TABLE} WHERE version = ANY($1::text[]) RETURNING version`,
    [versions],
  );
  return res.rows.map((r) => r.version);
}

export async function readSeedHistory(client: Client): Promise<SeedRow[]> {
  const present = await client.query<{ t: string | null }>(`SELECT to_regclass('${SEED_TABLE}')::text AS t`);
  if (!present.rows[0]!.t) return [];
  return (await client.query<SeedRow>(`SELECT path, hash FROM ${SEED_TABLE}`)).rows;
}

export async function recordSeed(client: Client, row: SeedRow): Promise<void> {
  await client.query(
    `INSERT INTO ${SEED_TABLE} (path, hash) VALUES ($1, $2) ON CONFLICT (path) DO UPDATE SET hash = EXCLUDED.hash`,
    [row.path, row.hash],
  );
}

/**
 * Versions as arguments of a command to copy into a shell: a row another tool
 * wrote may hold characters a shell would read (quotes, spaces, `$`).
 */
export function versionArgs(versions: readonly string[]): string {
  return versions.map((v) => (/^[A-Za-z0-9_.:+-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`)).join(' ');
}
