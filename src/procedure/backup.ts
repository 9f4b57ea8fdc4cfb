/**
 * Logical backups of production without pg_dump (so no client/server
 * version mismatch): the schema as SQL from the snapshot, every table's data
 * streamed with COPY and gzipped, and a manifest written last. A folder
 * without a valid manifest is never taken for a backup.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { readSnapshotInTransaction, type Snapshot, type Table } from '../catalog/index.js';
import { connect, connectionLost, DEFAULT_LOCK_WAITS, describeUrl, ident, inTransaction, literal, pinWriteSession, PINNED_SETTINGS_LOCAL, retryLockWaits, type Client, type LockWaits } from '../db/connection.js';
import { writeDurably } from '../durable.js';
import { DbalignError } from '../errors.js';
import { ensureHistoryTables } from '../migrations/history.js';
import type { Log } from './log.js';
import { markApplying, retrying } from './apply.js';
import { compareSnapshots, schemaSql, scopeFor } from './schema.js';
import type { Profile } from './reset.js';
import { SUPABASE_SCHEMAS } from './supabase-profile.js';

export const BACKUP_FORMAT = 'dbalign-backup-1';

export interface TableData {
  schema: string;
  name: string;
  columns: string[];
  file: string;
  rows: number;
  /** Order-independent checksum of the rows (see RowDigest). */
  checksum: string;
  /** sha256 of the file as written. */
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: string;
  serverVersion: string;
  serverVersionNum: number;
  profile: Profile;
  /** Readable SQL of the schema; restore works from the snapshot. */
  schema: { file: string; sha256: string };
  /** The schema snapshot a restore brings an empty database to. */
  snapshot: { file: string; sha256: string };
  tables: TableData[];
  /** Migration history rows travel with the data they describe. */
  history: TableData[];
  /**
   * Supabase: rows of the platform's own tables (auth.users, storage.objects,
   * vault.secrets, cron.job, …); their schema is the platform's, not the backup's.
   */
  platform?: TableData[];
  /** Large objects: one row each (oid, owner, data), in a file of their own. */
  largeObjects?: { count: number; file: TableData };
  sequences: Array<{ schema: string; name: string; lastValue: string | null }>;
  complete: true;
}

/**
 * Counts rows and sums a hash of each, so the same rows in any order give
 * the same checksum. COPY's text format puts each row on one line.
 */
class RowDigest extends Transform {
  rows = 0;
  bytes = 0;
  private sum = 0n;
  private rest: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    let buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      this.add(buf.subarray(start, nl));
      start = nl + 1;
    }
    this.rest = Buffer.from(buf.subarray(start));
    buf = Buffer.alloc(0);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.rest.length) this.add(this.rest);
    done();
  }

  private add(line: Buffer): void {
    this.rows++;
    this.sum = (this.sum + createHash('sha256').update(line).digest().readBigUInt64BE(0)) & 0xffffffffffffffffn;
  }

  get checksum(): string {
    return `${this.rows}:${this.sum.toString(16).padStart(16, '0')}`;
  }
}

class Sha256 extends Transform {
  private hash = createHash('sha256');
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    done(null, chunk);
  }
  get hex(): string {
    return this.hash.digest('hex');
  }
}

function tableColumns(table: Table): string[] {
  return table.columns.filter((c) => c.generated === '').map((c) => c.name);
}

function copyList(schema: string, name: string, columns: string[]): string {
  return `${ident(schema)}.${ident(name)} (${columns.map(ident).join(', ')})`;
}

/** Tables that hold rows: partitions hold them, partitioned parents do not. */
function dataTables(snapshot: Snapshot): Table[] {
  return Object.values(snapshot.objects)
    .filter((o): o is Table => o.kind === 'table' && !o.partitioned && !o.managed)
    .sort((a, b) => a.key.localeCompare(b.key));
}

async function dumpTable(
  client: Client,
  dir: string,
  index: number,
  schema: string,
  name: string,
  columns: string[],
  onBytes: (n: number) => void,
): Promise<TableData> {
  return copyOut(client, dir, index, `COPY ${copyList(schema, name, columns)} TO STDOUT`, { schema, name, columns }, onBytes);
}

/**
 * Streams one COPY into a gzipped file. When the file cannot be written (a
 * full disk), the connection is cut: the server ends the COPY, and nothing
 * waits on a stream that will never drain.
 */
async function copyOut(
  client: Client,
  dir: string,
  index: number,
  copy: string,
  what: Pick<TableData, 'schema' | 'name' | 'columns'>,
  onBytes: (n: number) => void = () => undefined,
): Promise<TableData> {
  const file = `data/${String(index).padStart(5, '0')}.copy.gz`;
  const digest = new RowDigest();
  const sha = new Sha256();
  let reported = 0;
  digest.on('data', () => {
    onBytes(digest.bytes - reported);
    reported = digest.bytes;
  });
  const sink = createWriteStream(path.join(dir, file), { mode: 0o600 });
  const sinkFailed = new Promise<never>((_, reject) => sink.once('error', reject));
  try {
    await Promise.race([pipeline(client.query(copyTo(copy)), digest, createGzip(), sha, sink), sinkFailed]);
  } catch (err) {
    if (sink.errored) (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    throw err;
  }
  const bytes = (await fs.stat(path.join(dir, file))).size;
  return { ...what, file, rows: digest.rows, checksum: digest.checksum, sha256: sha.hex, bytes };
}

/** Ordinary tables (partitions included) of the platform's schemas, with the columns a COPY takes. */
const PLATFORM_TABLES = `
  SELECT n.nspname AS schema, c.relname AS name,
         array_agg(a.attname::text ORDER BY a.attnum) AS columns,
         has_table_privilege(c.oid, 'SELECT') AS readable
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
   WHERE c.relkind = 'r' AND n.nspname = ANY($1::text[])
   GROUP BY n.nspname, c.relname, c.oid
   ORDER BY 1, 2`;

function dumpLargeObjects(client: Client, dir: string, index: number): Promise<TableData> {
  const copy = `COPY (SELECT m.oid, m.lomowner::regrole::text, lo_get(m.oid) FROM pg_largeobject_metadata m ORDER BY m.oid) TO STDOUT`;
  return copyOut(client, dir, index, copy, { schema: 'pg_catalog', name: 'pg_largeobject', columns: ['oid', 'owner', 'data'] });
}

export interface BackupOptions {
  url: string;
  out: string;
  profile: Profile;
}

/** Takes a backup of `url` into the new folder `out`; returns its manifest. */
export async function backup(options: BackupOptions, log: Log): Promise<Manifest> {
  const dir = path.resolve(options.out);
  if (await fs.stat(dir).then((st) => !st.isDirectory(), () => false)) {
    throw new DbalignError(`backup folder ${dir} is a file: choose a new folder with --out`);
  }
  const existing = await fs.readdir(dir).catch(() => null);
  if (existing && existing.length) {
    throw new DbalignError(`backup folder ${dir} is not empty: choose a new folder with --out`);
  }
  await fs.mkdir(path.join(dir, 'data'), { recursive: true, mode: 0o700 });
  await fs.chmod(dir, 0o700);

  const client = await connect(options.url, 'remote');
  try {
    // One snapshot of the database for schema and data alike.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await client.query(PINNED_SETTINGS_LOCAL);
    const version = await client.query<{ v: string; n: string }>(`SELECT version() AS v, current_setting('server_version_num') AS n`);
    const snapshot = await readSnapshotInTransaction(client, scopeFor(options.profile));
    for (const w of snapshot.warnings) log.warn(w);
    const schema = schemaSql(snapshot);
    await writeDurably(path.join(dir, 'schema.sql'), schema, { mode: 0o600 });
    const snapshotJson = JSON.stringify(snapshot);
    await writeDurably(path.join(dir, 'snapshot.json'), snapshotJson, { mode: 0o600 });

    const tables = dataTables(snapshot);
    const estimate = await client.query<{ n: string }>(
      `SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint AS n FROM pg_class c
        WHERE c.oid = ANY($1::regclass[])`,
      [tables.map((t) => `${ident(t.schema)}.${ident(t.name)}`)],
    );
    const totalRows = Math.max(1, Number(estimate.rows[0]!.n));
    let rowsDone = 0;
    let bytesDone = 0;
    const out: TableData[] = [];
    for (let i = 0; i < tables.length; i++) {
      const t = tables[i]!;
      const data = await dumpTable(client, dir, i, t.schema, t.name, tableColumns(t), (n) => {
        bytesDone += n;
        log.progress(`Backing up ${tables.length} tables`, Math.min(rowsDone, totalRows), totalRows, `${formatBytes(bytesDone)}`);
      });
      rowsDone += data.rows;
      out.push(data);
    }
    log.progress(`Backing up ${tables.length} tables`, totalRows, totalRows, formatBytes(bytesDone));

    const history: TableData[] = [];
    // Tables made by old Supabase CLI versions have a version column alone: back up the columns there are.
    const present = await client.query<{ h: string[] | null; s: boolean }>(
      `SELECT (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
                WHERE attrelid = to_regclass('supabase_migrations.schema_migrations') AND attnum > 0 AND NOT attisdropped
                  AND attname IN ('version', 'statements', 'name')) AS h,
              to_regclass('supabase_migrations.seed_files') IS NOT NULL AS s`,
    );
    const historyColumns = present.rows[0]!.h;
    if (historyColumns) history.push(await dumpTable(client, dir, tables.length, 'supabase_migrations', 'schema_migrations', historyColumns, () => undefined));
    if (present.rows[0]!.s) history.push(await dumpTable(client, dir, tables.length + 1, 'supabase_migrations', 'seed_files', ['path', 'hash'], () => undefined));

    let next = tables.length + 2;
    const platform: TableData[] = [];
    if (options.profile === 'supabase') {
      const found = await client.query<{ schema: string; name: string; columns: string[]; readable: boolean }>(PLATFORM_TABLES, [
        SUPABASE_SCHEMAS.filter((n) => n !== 'supabase_migrations'),
      ]);
      const unreadable = found.rows.filter((r) => !r.readable).map((r) => `${r.schema}.${r.name}`);
      if (unreadable.length) log.warn(`the remote user cannot read ${unreadable.join(', ')}: their rows are not in the backup`);
      for (const r of found.rows.filter((r) => r.readable)) {
        platform.push(await dumpTable(client, dir, next++, r.schema, r.name, r.columns, () => undefined));
      }
    }
    const lo = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_largeobject_metadata');
    let largeObjects: Manifest['largeObjects'];
    if (lo.rows[0]!.n > 0) {
      largeObjects = { count: lo.rows[0]!.n, file: await dumpLargeObjects(client, dir, next++) };
    }

    // Every sequence of the schemas backed up, identity columns' own included.
    const schemas = [
      ...new Set(
        tables
          .map((t) => t.schema)
          .concat(Object.values(snapshot.objects).flatMap((o) => (o.kind === 'sequence' ? [o.schema] : [])))
          .concat(platform.map((t) => t.schema)),
      ),
    ];
    const seqs = await client.query<{ schema: string; name: string; last: string | null }>(
      `SELECT schemaname AS schema, sequencename AS name, last_value::text AS last FROM pg_sequences
        WHERE schemaname = ANY($1::text[]) ORDER BY 1, 2`,
      [schemas],
    );
    const sequences = seqs.rows.map((r) => ({ schema: r.schema, name: r.name, lastValue: r.last }));
    await client.query('COMMIT');

    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      database: describeUrl(options.url),
      serverVersion: version.rows[0]!.v,
      serverVersionNum: Number(version.rows[0]!.n),
      profile: options.profile,
      schema: { file: 'schema.sql', sha256: createHash('sha256').update(schema).digest('hex') },
      snapshot: { file: 'snapshot.json', sha256: createHash('sha256').update(snapshotJson).digest('hex') },
      tables: out,
      history,
      ...(platform.length ? { platform } : {}),
      ...(largeObjects ? { largeObjects } : {}),
      sequences,
      complete: true,
    };
    // The manifest goes last and appears whole, so a killed backup leaves no manifest.
    await writeDurably(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
    return manifest;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO' || code === 'EROFS' || code === 'EACCES') {
      // What was written is no backup (it has no manifest) and holds the space the disk lacks.
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'no space left on the device' : code === 'EROFS' ? 'the file system is read-only' : code === 'EACCES' ? 'permission denied' : 'an I/O error';
      throw new DbalignError(`cannot write the backup to ${dir}: ${why}; free space or choose another folder with --out (nothing was written to the database)`, { cause: err });
    }
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** Reads a backup's manifest and checks every file against it. */
export async function verifyBackup(dir: string): Promise<Manifest> {
  const where = path.resolve(dir);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await fs.readFile(path.join(where, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw new DbalignError(`${where} holds no complete backup (no readable manifest.json; a backup that was interrupted has none): take a new backup`);
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.complete !== true) {
    throw new DbalignError(`${where} is not a complete dbalign backup: take a new backup`);
  }
  const files = [manifest.schema, manifest.snapshot, ...manifest.tables, ...manifest.history, ...(manifest.platform ?? []), ...(manifest.largeObjects ? [manifest.largeObjects.file] : [])];
  for (const f of files) {
    const sha = createHash('sha256');
    try {
      await pipeline(createReadStream(path.join(where, f.file)), new Writable({ write: (c, _e, cb) => (sha.update(c), cb()) }));
    } catch {
      throw new DbalignError(`backup ${where} is damaged: ${f.file} is missing; take a new backup`);
    }
    if (sha.digest('hex') !== f.sha256) {
      throw new DbalignError(`backup ${where} is damaged: ${f.file} does not match its checksum; take a new backup`);
    }
  }
  return manifest;
}

export interface RestoreResult {
  tables: number;
  rows: number;
  verified: boolean;
}

/** Restores a verified backup into an empty database, then checks counts and checksums. */
export async function restore(dir: string, targetUrl: string, log: Log, lockWaits: LockWaits = DEFAULT_LOCK_WAITS): Promise<RestoreResult> {
  const manifest = await verifyBackup(dir);
  const where = path.resolve(dir);
  const wanted = JSON.parse(await fs.readFile(path.join(where, manifest.snapshot.file), 'utf8')) as Snapshot;
  const client = await connect(targetUrl, 'target');
  try {
    await pinWriteSession(client, lockWaits);
    const used = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`,
    );
    if (used.rows[0]!.n > 0) {
      throw new DbalignError(`the target database ${describeUrl(targetUrl)} is not empty: restore into a new, empty database`);
    }
    let rows = 0;
    let restoredPlatform: TableData[] = [];
    // One transaction: when it times out on a lock, all of it runs again.
    const unit = () =>
      inTransaction(client, async () => {
        rows = 0;
        await client.query(PINNED_SETTINGS_LOCAL);
        await markApplying(client, true);
        if (manifest.profile === 'supabase') {
          const { applySupabaseProfile } = await import('./supabase-profile.js');
          await applySupabaseProfile(client);
        }
        // From what the empty database has (public, plpgsql, the profile) to the backup's schema.
        const plan = compareSnapshots(await readSnapshotInTransaction(client, wanted.scope), wanted);
        if (plan.sql) await client.query(plan.sql);
        // Rows go in as they were: no triggers or foreign-key checks on the way.
        await client.query('SET LOCAL session_replication_role = replica').catch((err) => {
          throw new DbalignError(`cannot restore: ${(err as Error).message}; restoring needs a superuser`, { cause: err });
        });
        if (manifest.history.length) await ensureHistoryTables(client);
        // CHECK constraints not validated on the source may hold rows that break them: added back after the rows.
        const unvalidated = await client.query<{ target: string; name: string; def: string; comment: string | null }>(
          `SELECT conrelid::regclass::text AS target, conname AS name, pg_get_constraintdef(oid) AS def,
                  obj_description(oid, 'pg_constraint') AS comment
             FROM pg_constraint WHERE contype = 'c' AND NOT convalidated AND conrelid <> 0 ORDER BY oid`,
        );
        for (const c of unvalidated.rows) await client.query(`ALTER TABLE ${c.target} DROP CONSTRAINT ${ident(c.name)}`);
        restoredPlatform = await platformTargets(client, manifest, log);
        const all = [...manifest.tables, ...manifest.history, ...restoredPlatform];
        for (let i = 0; i < all.length; i++) {
          const t = all[i]!;
          log.progress(`Restoring ${all.length} tables`, i, all.length);
          const sink = client.query(copyFrom(`COPY ${copyList(t.schema, t.name, t.columns)} FROM STDIN`));
          await pipeline(createReadStream(path.join(where, t.file)), createGunzip(), sink);
          rows += t.rows;
        }
        log.progress(`Restoring ${all.length} tables`, all.length, all.length);
        if (manifest.largeObjects) await restoreLargeObjects(client, where, manifest.largeObjects.file);
        for (const c of unvalidated.rows) {
          await client.query(`ALTER TABLE ${c.target} ADD CONSTRAINT ${ident(c.name)} ${c.def}`);
          if (c.comment !== null) await client.query(`COMMENT ON CONSTRAINT ${ident(c.name)} ON ${c.target} IS ${literal(c.comment)}`);
        }
        // Materialized views were created empty, before the rows they read: filled now, in creation order.
        const matviews = await client.query<{ name: string }>(`SELECT oid::regclass::text AS name FROM pg_class WHERE relkind = 'm' AND relispopulated ORDER BY oid`);
        for (const m of matviews.rows) await client.query(`REFRESH MATERIALIZED VIEW ${m.name}`);
        for (const s of manifest.sequences) {
          const name = literal(`${ident(s.schema)}.${ident(s.name)}`);
          const found = await client.query<{ ok: boolean }>(`SELECT to_regclass(${name}) IS NOT NULL AS ok`);
          if (!found.rows[0]!.ok) {
            log.warn(`sequence ${s.schema}.${s.name} of the backup is not in the restored schema: its value was not set`);
            continue;
          }
          if (s.lastValue === null) await client.query(`SELECT setval(${name}, (SELECT seqstart FROM pg_sequence WHERE seqrelid = ${name}::regclass), false)`);
          else await client.query(`SELECT setval(${name}, $1::bigint, true)`, [s.lastValue]);
        }
      });
    await retryLockWaits(client, unit, (err, ...n) => log.info(retrying('restore', 'it', err, ...n)));
    // Read every table back: the same rows must be there.
    for (const t of [...manifest.tables, ...manifest.history, ...restoredPlatform]) {
      const digest = new RowDigest();
      await pipeline(client.query(copyTo(`COPY ${copyList(t.schema, t.name, t.columns)} TO STDOUT`)), digest, new Writable({ write: (_c, _e, cb) => cb() }));
      if (digest.checksum !== t.checksum) {
        throw new DbalignError(`restored table ${t.schema}.${t.name} does not match the backup (${digest.checksum} ≠ ${t.checksum}): do not use this restore`);
      }
    }
    if (manifest.largeObjects) {
      const n = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_largeobject_metadata');
      if (n.rows[0]!.n !== manifest.largeObjects.count) {
        throw new DbalignError(`the restore holds ${n.rows[0]!.n} large objects, the backup ${manifest.largeObjects.count}: do not use this restore`);
      }
    }
    return { tables: manifest.tables.length + restoredPlatform.length, rows, verified: true };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The platform tables of a backup that the target has with every column the
 * backup holds; their rows replace what the target's platform put there.
 */
async function platformTargets(client: Client, manifest: Manifest, log: Log): Promise<TableData[]> {
  if (!manifest.platform?.length) return [];
  const found = await client.query<{ schema: string; name: string; columns: string[] }>(PLATFORM_TABLES, [[...new Set(manifest.platform.map((t) => t.schema))]]);
  const columnsOf = new Map(found.rows.map((r) => [`${r.schema}.${r.name}`, new Set(r.columns)]));
  const out: TableData[] = [];
  for (const t of manifest.platform) {
    const have = columnsOf.get(`${t.schema}.${t.name}`);
    const missing = have ? t.columns.filter((c) => !have.has(c)) : [];
    if (!have || missing.length) {
      log.warn(`${t.schema}.${t.name} ${have ? `lacks column(s) ${missing.join(', ')}` : 'does not exist'} in the target: its ${t.rows} row(s) stay in the backup (${t.file}), not restored`);
      continue;
    }
    await client.query(`DELETE FROM ${ident(t.schema)}.${ident(t.name)}`);
    out.push(t);
  }
  return out;
}

async function restoreLargeObjects(client: Client, where: string, file: TableData): Promise<void> {
  await client.query('CREATE TEMP TABLE dbalign_large_objects (oid oid, owner text, data bytea) ON COMMIT DROP');
  await pipeline(createReadStream(path.join(where, file.file)), createGunzip(), client.query(copyFrom('COPY dbalign_large_objects FROM STDIN')));
  await client.query('SELECT lo_from_bytea(oid, data) FROM dbalign_large_objects');
  const owners = await client.query<{ oid: string; owner: string }>(
    `SELECT l.oid::text, l.owner FROM dbalign_large_objects l JOIN pg_roles r ON r.rolname = l.owner WHERE l.owner <> current_user`,
  );
  for (const o of owners.rows) await client.query(`ALTER LARGE OBJECT ${Number(o.oid)} OWNER TO ${ident(o.owner)}`);
}

/** What the server refused during the safety backup, said as what it means for the write that waits on it. */
function backupRefused(err: unknown): DbalignError | undefined {
  if (err instanceof DbalignError) return undefined;
  const e = err as { code?: unknown; message?: unknown };
  const lost = connectionLost(err);
  if (!lost && (typeof e?.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code))) return undefined;
  const reason = `${String(e?.message ?? err).split('\n')[0]}${typeof e?.code === 'string' ? ` (SQLSTATE ${e.code})` : ''}`;
  const advice =
    e?.code === '42501' ? 'connect as a role that can read every table, such as the database owner, or pass --no-backup to write without a backup'
    : lost ? 'check that the server is up and run again'
    : 'fix that and run again, or pass --no-backup to write without a backup';
  return new DbalignError(`the backup before writing to the remote could not be taken, so nothing was written: ${reason}; ${advice}`, { cause: err });
}

/**
 * The backup every write to production is preceded by, under
 * .dbalign/backups/<UTC time>/ (git-ignored); returns its folder.
 */
export async function safetyBackup(stateDir: string, url: string, profile: Profile, log: Log): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
  await fs.mkdir(path.join(stateDir, 'backups'), { recursive: true, mode: 0o700 });
  // The folder is claimed by creating it: runs taking backups at the same second (a fleet) get one each.
  let dir = path.join(stateDir, 'backups', stamp);
  for (let n = 1; !(await fs.mkdir(dir, { mode: 0o700 }).then(() => true, (err: NodeJS.ErrnoException) => { if (err.code === 'EEXIST') return false; throw err; })); n++) {
    dir = path.join(stateDir, 'backups', `${stamp}-${n}`);
  }
  log.info('Taking a backup of the remote before writing to it…');
  const manifest = await backup({ url, out: dir, profile }, log).catch((err: unknown) => {
    throw backupRefused(err) ?? err;
  });
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  log.info(`Backup taken: ${path.relative(process.cwd(), dir) || dir} (${manifest.tables.length} tables, ${rows} rows)`);
  return dir;
}
