/**
 * What dbalign does for the stand-in extensions (standins/ in the package)
 * when it applies migrations: the index options of stand-in access methods,
 * and which extensions of a database are stand-ins.
 */
import type { Client } from '../db/connection.js';
import { STANDIN_COMMENT } from '../db/embedded.js';
import { createExtension, indexWithOptions, type Statement } from '../migrations/sql.js';
import { ident } from '../db/connection.js';

/** The options pgvector's access methods take, with its bounds. */
const INDEX_OPTIONS: Record<string, Record<string, { min: number; max: number }>> = {
  hnsw: { m: { min: 2, max: 100 }, ef_construction: { min: 4, max: 1000 } },
  ivfflat: { lists: { min: 1, max: 32768 } },
};

/** The access methods of stand-ins here, by name. */
const STANDIN_AMS = `
SELECT a.amname FROM pg_am a
JOIN pg_depend d ON d.classid = 'pg_am'::regclass AND d.objid = a.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid
WHERE a.amname = $1 AND obj_description(e.oid, 'pg_extension') LIKE '${STANDIN_COMMENT}%'`;

/** Checks options as pgvector does, with PostgreSQL's messages. */
function checkOptions(am: string, reloptions: string[]): void {
  const known = INDEX_OPTIONS[am] ?? {};
  const values: Record<string, number> = {};
  for (const opt of reloptions) {
    const [name, value] = [opt.slice(0, opt.indexOf('=')), opt.slice(opt.indexOf('=') + 1)];
    const bounds = known[name];
    if (!bounds) throw new Error(`unrecognized parameter "${name}"`);
    if (!/^[+-]?\d+$/.test(value.trim())) throw new Error(`invalid value for integer option "${name}": ${value}`);
    const n = Number(value);
    if (n < bounds.min || n > bounds.max) {
      throw new Error(`value ${value} out of bounds for option "${name}" (valid values are between "${bounds.min}" and "${bounds.max}")`);
    }
    values[name] = n;
  }
  if (am === 'hnsw' && (values.ef_construction ?? 64) < 2 * (values.m ?? 16)) {
    throw new Error('ef_construction must be greater than or equal to 2 * m');
  }
}

/**
 * Runs one migration statement. A CREATE INDEX on a stand-in access method
 * (hnsw, ivfflat) with options runs without them, which the core method
 * underneath would refuse, and its options are then stored as PostgreSQL
 * stores them (pg_class.reloptions, as superuser, which dbalign is on its
 * own servers), so the index reads exactly as on real pgvector.
 */
export async function runStatement(client: Client, stmt: Statement): Promise<void> {
  if (stmt.kind === 'CreateExtensionStmt') return createExtensionAsSupabase(client, stmt);
  if (stmt.kind === 'AlterTableStmt') return alterTableKeepingOptions(client, stmt.sql);
  const idx = stmt.kind === 'IndexStmt' && /\bwith\b/i.test(stmt.sql) ? indexWithOptions(stmt.sql) : null;
  if (!idx || !(idx.accessMethod in INDEX_OPTIONS) || (await client.query(STANDIN_AMS, [idx.accessMethod])).rowCount === 0) {
    await client.query(stmt.sql);
    return;
  }
  checkOptions(idx.accessMethod, idx.reloptions);
  const table = idx.table.schema === null ? `format('%I', $1::text)` : `format('%I.%I', $2::text, $1::text)`;
  const indexes = `SELECT coalesce(array_agg(indexrelid), '{}') AS oids FROM pg_index WHERE indrelid = (${table})::regclass`;
  const params = idx.table.schema === null ? [idx.table.name] : [idx.table.name, idx.table.schema];
  const before = (await client.query(indexes, params)).rows[0].oids;
  await client.query(idx.withoutOptions);
  const after = (await client.query(indexes, params)).rows[0].oids as string[];
  const created = after.filter((oid) => !before.includes(oid));
  if (created.length) await client.query('UPDATE pg_catalog.pg_class SET reloptions = $1 WHERE oid = ANY($2::oid[])', [idx.reloptions, created]);
}

/** Indexes of stand-in access methods that have options, by schema and name. */
const STANDIN_INDEXES_WITH_OPTIONS = `
SELECT n.nspname, c.relname, c.reloptions FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am a ON a.oid = c.relam
JOIN pg_depend d ON d.classid = 'pg_am'::regclass AND d.objid = a.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid
WHERE c.relkind = 'i' AND c.reloptions IS NOT NULL AND obj_description(e.oid, 'pg_extension') LIKE '${STANDIN_COMMENT}%'`;

/**
 * Runs an ALTER TABLE. One that rebuilds an index of a stand-in access
 * method (ALTER COLUMN … TYPE, as projects do to move an embedding column to
 * halfvec) re-creates it from its definition, options included, which the
 * core method underneath refuses: the options are set aside while it runs and
 * given back to the indexes of the same names afterwards, as pgvector keeps them.
 */
async function alterTableKeepingOptions(client: Client, sql: string): Promise<void> {
  const saved = (await client.query(STANDIN_INDEXES_WITH_OPTIONS)).rows as { nspname: string; relname: string; reloptions: string[] }[];
  if (saved.length === 0) {
    await client.query(sql);
    return;
  }
  const restore = `UPDATE pg_catalog.pg_class c SET reloptions = s.reloptions
    FROM jsonb_to_recordset($1::jsonb) AS s(nspname text, relname text, reloptions text[])
    WHERE c.relkind = 'i' AND c.relname = s.relname AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = s.nspname)`;
  await client.query(`UPDATE pg_catalog.pg_class SET reloptions = NULL WHERE relkind = 'i' AND (relnamespace::regnamespace::text, relname) IN (SELECT quote_ident(x.nspname), x.relname FROM jsonb_to_recordset($1::jsonb) AS x(nspname text, relname text))`, [JSON.stringify(saved)]);
  try {
    await client.query(sql);
  } catch (err) {
    // In a failed transaction the rollback gives them back; outside one, this does.
    await client.query(restore, [JSON.stringify(saved)]).catch(() => undefined);
    throw err;
  }
  await client.query(restore, [JSON.stringify(saved)]);
}

/** The extensions of the connected database that are dbalign stand-ins. */
export async function standinExtensions(client: Client): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT extname FROM pg_extension e WHERE obj_description(e.oid, 'pg_extension') LIKE '${STANDIN_COMMENT}%' ORDER BY 1`,
  );
  return rows.map((r) => r.extname as string);
}

/**
 * Supabase's supautils installs these extensions in a fixed schema whatever
 * CREATE EXTENSION asks for (its extensions_parameter_overrides, as the
 * supabase/postgres images configure it).
 */
const SCHEMA_OVERRIDES: Record<string, string> = { pg_cron: 'pg_catalog' };

const IS_STANDIN = `SELECT EXISTS (SELECT FROM pg_available_extensions WHERE name = $1 AND comment LIKE '${STANDIN_COMMENT}%') AS standin`;

/**
 * Supabase's images stopped creating pgsodium (and its schema) in 15.8.1.060,
 * and no PostgreSQL 17 image has it, so the line every older dump starts with,
 * `CREATE EXTENSION IF NOT EXISTS "pgsodium" WITH SCHEMA "pgsodium"`, fails on
 * them as it does here: say so, since the file is the one to change.
 */
const PGSODIUM_GONE =
  "Supabase's images create no pgsodium since 15.8.1.060 (none on PostgreSQL 17), so `supabase db reset` stops here too: " +
  'delete this statement (a dump of an older project), or create the schema before it';

async function createExtensionAsSupabase(client: Client, stmt: Statement): Promise<void> {
  const ext = createExtension(stmt.sql);
  const fixed = ext && ext.schema !== null ? SCHEMA_OVERRIDES[ext.name] : undefined;
  if (!ext || fixed === undefined || ext.schema === fixed || !(await client.query(IS_STANDIN, [ext.name])).rows[0].standin) {
    try {
      await client.query(stmt.sql);
    } catch (err) {
      const e = err as Error & { code?: string };
      if (ext?.name === 'pgsodium' && e.code === '3F000' && ext.schema === 'pgsodium') e.message = `${e.message} (${PGSODIUM_GONE})`;
      throw err;
    }
    return;
  }
  await client.query(
    `CREATE EXTENSION ${ext.ifNotExists ? 'IF NOT EXISTS ' : ''}${ident(ext.name)}${ext.version ? ` VERSION ${ident(ext.version)}` : ''}${ext.cascade ? ' CASCADE' : ''}`,
  );
}
