/**
 * Schema-per-tenant: the migrations, written against a template schema with
 * unqualified names, run in each tenant schema with search_path set to it,
 * the history kept per schema (migrations/tenants.ts). `check` builds the
 * template once in a shadow and compares each tenant with it under the
 * tenant's name: the template schema is renamed to the tenant's inside a
 * transaction that is rolled back, so PostgreSQL itself carries the name
 * into every definition (indexes, keys, views, policies) before it is read.
 */
import fs from 'node:fs/promises';
import { readSnapshot, readSnapshotInTransaction, type Snapshot } from '../catalog/index.js';
import { connect, DEFAULT_LOCK_WAITS, ident, inTransaction, pinWriteSession, retryLockWaits, type Client, type LockWaits } from '../db/connection.js';
import type { EmbeddedMajor } from '../db/embedded.js';
import { acquireSchemaLock } from '../db/lock.js';
import { DbalignError, fileProblem } from '../errors.js';
import { listMigrations, loadMigrations, type LoadedMigration } from '../migrations/files.js';
import type { Project } from '../migrations/project.js';
import { assertTenantMigrations, ensureTenantHistory, insertTenantMigration, readTenantHistory, tenantSearchPath, type Tenancy } from '../migrations/tenants.js';
import { versionArgs } from '../migrations/history.js';
import { applyMigration, retrying } from './apply.js';
import { assessHistory, type HistoryAssessment } from './history.js';
import type { Log } from './log.js';
import { majorOf } from './pull.js';
import { assertPushable } from './push.js';
import type { Profile } from './reset.js';
import { compareSnapshots, scopeFor } from './schema.js';
import { createShadow, migrationsKey, type Shadow } from './shadow.js';
import { loadReadable } from './status.js';

export type { Tenancy } from '../migrations/tenants.js';

/** Schemas that are never tenants. */
const NOT_TENANTS = ['information_schema', 'dbalign', 'supabase_migrations'];

/** `--shared-schemas a,b` (default public and extensions), without the template. */
export function makeTenancy(template: string, shared?: string): Tenancy {
  if (!template.trim()) throw new DbalignError('--schema-template needs a schema name, as in --schema-template tenant_template');
  const list = (shared ?? 'public,extensions').split(',').map((s) => s.trim()).filter(Boolean);
  return { template: template.trim(), shared: list.filter((s) => s !== template.trim()) };
}

function checkTenantName(name: string, tenancy: Tenancy, where: string): void {
  if (Buffer.byteLength(name) > 63) throw new DbalignError(`${where}: "${name}" is longer than PostgreSQL's 63-byte names`);
  if (name.startsWith('pg_') || NOT_TENANTS.includes(name)) throw new DbalignError(`${where}: "${name}" is a system or dbalign schema, not a tenant`);
  if (tenancy.shared.includes(name)) throw new DbalignError(`${where}: "${name}" is a shared schema (--shared-schemas), not a tenant`);
}

/** The schemas a `--tenants` file lists: one per line, `#` comments. */
export async function readTenantsFile(file: string, tenancy: Tenancy): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new DbalignError(`cannot read the tenants file ${file}: ${fileProblem(err)}; give a file listing one schema name per line`, { cause: err });
  }
  const out: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    const name = line.trim();
    if (!name || name.startsWith('#')) return;
    checkTenantName(name, tenancy, `${file} line ${i + 1}`);
    if (seen.has(name)) throw new DbalignError(`${file} line ${i + 1}: schema ${name} is listed twice: each tenant once`);
    seen.add(name);
    out.push(name);
  });
  if (!out.length) throw new DbalignError(`the tenants file ${file} lists no schema: give one tenant schema name per line`);
  return out;
}

/**
 * The schemas of a database whose names match `pattern` (SQL LIKE, as in
 * `tenant\_%`), in name order; the template, shared, system and dbalign's
 * schemas are never matched.
 */
export async function matchTenantSchemas(client: Client, pattern: string, tenancy: Tenancy): Promise<string[]> {
  const res = await client.query<{ nspname: string }>(
    `SELECT nspname FROM pg_namespace
      WHERE nspname LIKE $1 AND nspname NOT LIKE 'pg\\_%' AND nspname <> ALL($2::text[])
      ORDER BY nspname COLLATE "C"`,
    [pattern, [...NOT_TENANTS, tenancy.template, ...tenancy.shared]],
  );
  return res.rows.map((r) => r.nspname);
}

/**
 * The template built once per server major and profile, kept for the whole
 * run, and read under each tenant's name. Reads are one at a time on one
 * connection: each renames the template inside its own rolled-back transaction.
 */
export class TemplateShadow {
  private readonly built = new Map<string, Promise<{ shadow: Shadow; client: Client }>>();
  private queue: Promise<unknown> = Promise.resolve();
  /** How many shadows were built. */
  builds = 0;

  constructor(
    private readonly project: Project,
    private readonly tenancy: Tenancy,
    private readonly log: Log,
  ) {}

  private open(migrations: readonly LoadedMigration[], major: EmbeddedMajor, profile: Profile, shadowUrl: string | undefined) {
    const key = `${major}:${profile}:${shadowUrl ?? ''}:${migrationsKey(migrations)}`;
    let p = this.built.get(key);
    if (!p) {
      this.builds++;
      const t = this.tenancy;
      p = (async () => {
        const shadow = await createShadow(this.project, migrations, {
          major,
          profile,
          shadowUrl,
          build: {
            what: `the migrations, run in the template schema ${t.template}`,
            run: async (client) => {
              for (const s of [t.template, ...t.shared]) await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(s)}`);
              for (const m of migrations) await applyMigration(client, m, this.log, { record: false, session: `SET search_path = ${tenantSearchPath(t.template, t)}` });
            },
          },
        }, this.log);
        try {
          return { shadow, client: await connect(shadow.url, 'shadow') };
        } catch (err) {
          await shadow.dispose();
          throw err;
        }
      })();
      p.catch(() => undefined);
      this.built.set(key, p);
    }
    return p;
  }

  /** What the migrations build, read as the schema `schema`. */
  async snapshotAs(migrations: readonly LoadedMigration[], major: EmbeddedMajor, profile: Profile, shadowUrl: string | undefined, schema: string): Promise<Snapshot> {
    const { client } = await this.open(migrations, major, profile, shadowUrl);
    const read = this.queue.then(async () => {
      await client.query('BEGIN');
      try {
        if (schema !== this.tenancy.template) {
          // A schema of that name in the shadow (public, say) makes way for the template under it.
          await client.query(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`);
          await client.query(`ALTER SCHEMA ${ident(this.tenancy.template)} RENAME TO ${ident(schema)}`);
          await renameInFunctionSearchPaths(client, this.tenancy.template, schema);
        }
        return await readSnapshotInTransaction(client, scopeFor(profile, { include: [schema] }));
      } finally {
        await client.query('ROLLBACK');
      }
    });
    this.queue = read.catch(() => undefined);
    return read;
  }

  async dispose(): Promise<void> {
    for (const p of this.built.values()) {
      const built = await p.catch(() => undefined);
      if (!built) continue;
      await built.client.end().catch(() => undefined);
      await built.shadow.dispose().catch(() => undefined);
    }
    this.built.clear();
  }
}

export interface TenantOptions {
  url: string;
  schema: string;
  tenancy: Tenancy;
}

interface TenantHistory {
  migrations: LoadedMigration[];
  assessment: HistoryAssessment;
}

async function tenantHistory(project: Project, client: Client, schema: string, log: Log): Promise<TenantHistory> {
  const list = await listMigrations(project.workdir);
  for (const w of list.warnings) log.warn(w);
  const rows = await readTenantHistory(client, schema);
  const loaded = await loadReadable(list.files, log);
  const assessment = await assessHistory(list.files, loaded, rows);
  const migrations = loaded.size === list.files.length ? [...loaded.values()] : await loadMigrations(list.files);
  return { migrations, assessment };
}

export interface TenantCheckResult {
  aligned: boolean;
  /** The schema exists in the database. */
  exists: boolean;
  history: { aligned: boolean; pending: string[]; remoteOnly: string[]; modified: string[]; outOfOrder: string[] };
  schema: { aligned: boolean; differences: Array<{ key: string; kind: string; op: string }>; sql: string; checked: true };
  warnings: string[];
}

/** One tenant schema's history and schema against the migrations; read-only. */
export async function tenantCheck(
  project: Project,
  options: TenantOptions & { profile: Profile; shadowUrl?: string; template: TemplateShadow },
  log: Log,
): Promise<TenantCheckResult> {
  const remote = await connect(options.url, 'remote');
  try {
    const { migrations, assessment: h } = await tenantHistory(project, remote, options.schema, log);
    await assertTenantMigrations(migrations, options.tenancy);
    const exists = (await remote.query<{ e: boolean }>('SELECT to_regnamespace($1) IS NOT NULL AS e', [ident(options.schema)])).rows[0]!.e;
    const major = await majorOf(remote, project.major);
    const [expected, actual] = await Promise.allSettled([
      options.template.snapshotAs(migrations, major, options.profile, options.shadowUrl, options.schema),
      readSnapshot(remote, scopeFor(options.profile, { include: [options.schema] })),
    ]);
    if (expected.status === 'rejected') throw expected.reason;
    if (actual.status === 'rejected') throw actual.reason;
    const diff = compareSnapshots(expected.value, actual.value);
    const history = { aligned: h.aligned, pending: h.pending, remoteOnly: h.remoteOnly, modified: h.modified, outOfOrder: h.outOfOrder };
    return {
      aligned: h.aligned && diff.objects.length === 0,
      exists,
      history,
      schema: { aligned: diff.objects.length === 0, differences: diff.objects, sql: diff.sql, checked: true },
      warnings: diff.warnings,
    };
  } finally {
    await remote.end().catch(() => undefined);
  }
}

export interface TenantPushResult {
  applied: string[];
  /** The schema did not exist and was created. */
  created: boolean;
}

/**
 * Pending migrations run in one tenant schema, each file with its history
 * row in one transaction (search_path set to the tenant, then the shared
 * schemas), under that schema's lock. A missing schema is created first.
 */
export async function tenantPush(
  project: Project,
  options: TenantOptions & { includeAll?: boolean; lockTimeoutMs?: number; lockWaits?: LockWaits },
  log: Log,
): Promise<TenantPushResult> {
  const { schema, tenancy } = options;
  const remote = await connect(options.url, 'remote');
  try {
    await pinWriteSession(remote, options.lockWaits ?? DEFAULT_LOCK_WAITS);
    const lock = await acquireSchemaLock(remote, schema, options.lockTimeoutMs ?? 60_000, (pid) =>
      log.info(`waiting for another dbalign run on schema ${schema}${pid ? ` (server pid ${pid})` : ''} to finish…`),
    );
    try {
      const { migrations, assessment: h } = await tenantHistory(project, remote, schema, log);
      if (h.remoteOnly.length) {
        throw new DbalignError(`schema ${schema} has applied migrations with no local file: ${h.remoteOnly.join(', ')}; get those files (git pull), or delete their rows from dbalign.tenant_schema_migrations if they are obsolete`);
      }
      if (h.outOfOrder.length && !options.includeAll) {
        throw new DbalignError(`migrations ${versionArgs(h.outOfOrder)} are older than the newest applied in schema ${schema}: rerun with --include-all to apply them anyway`);
      }
      await assertTenantMigrations(migrations, tenancy);
      const pending = h.pending.map((v) => migrations.find((m) => m.version === v)!);
      assertPushable(pending);
      if (!pending.length) return { applied: [], created: false };
      const created = await retryLockWaits(
        remote,
        () =>
          inTransaction(remote, async () => {
            await ensureTenantHistory(remote);
            const missing = (await remote.query<{ m: boolean }>('SELECT to_regnamespace($1) IS NULL AS m', [ident(schema)])).rows[0]!.m;
            if (missing) await remote.query(`CREATE SCHEMA ${ident(schema)}`);
            return missing;
          }),
        (err, ...n) => log.info(retrying(`schema ${schema}`, 'its creation', err, ...n)),
      );
      const applied: string[] = [];
      for (const m of pending) {
        log.info(`Applying migration ${m.file} in schema ${schema}…`);
        await applyMigration(remote, m, log, {
          record: true,
          session: `SET search_path = ${tenantSearchPath(schema, tenancy)}`,
          history: (c, row) => insertTenantMigration(c, schema, row),
          hint: `earlier migrations stay applied and recorded in schema ${schema}; fix ${m.file} or the schema's data and push again`,
          rerun: 'earlier migrations stay applied and recorded; check that the server is up and push again',
        });
        applied.push(m.version);
      }
      return { applied, created };
    } finally {
      await lock.release();
    }
  } finally {
    await remote.end().catch(() => undefined);
  }
}

export interface TenantAlignResult {
  aligned: boolean;
  applied: string[];
  created: boolean;
  /** Why the schema was left as it is, when it was. */
  left?: string;
  check: TenantCheckResult;
}

/**
 * Pending migrations pushed, then the schema verified against the template.
 * A schema with history rows no file has, edited files, or changes no
 * migration makes is left as it is and reported: the migration files are
 * shared by every tenant, so none is written for one.
 */
export async function tenantAlign(
  project: Project,
  options: TenantOptions & { profile: Profile; shadowUrl?: string; template: TemplateShadow; includeAll?: boolean; lockTimeoutMs?: number; lockWaits?: LockWaits },
  log: Log,
): Promise<TenantAlignResult> {
  const before = await tenantCheck(project, options, log);
  const h = before.history;
  if (h.remoteOnly.length) return { aligned: false, applied: [], created: false, check: before, left: `left as it is: history rows with no migration file (${h.remoteOnly.join(', ')})` };
  if (h.modified.length) return { aligned: false, applied: [], created: false, check: before, left: `left as it is: applied migrations edited since (${h.modified.join(', ')})` };
  let pushed: TenantPushResult = { applied: [], created: false };
  if (h.pending.length) pushed = await tenantPush(project, options, log);
  const after = pushed.applied.length ? await tenantCheck(project, options, log) : before;
  if (!after.schema.aligned) {
    const what = after.schema.differences.slice(0, 5).map((d) => `${d.op} ${d.key}`).join(', ');
    return { ...pushed, aligned: false, check: after, left: `left as it is: its schema has ${after.schema.differences.length} change(s) the migrations do not make (${what}); \`dbalign check --schema-template\` shows the SQL that would undo them` };
  }
  return { ...pushed, aligned: after.aligned, check: after };
}

/** Creates the tenant history table once per database before tenants are written at once (concurrent creations would race). */
export async function prepareTenantHistory(url: string): Promise<void> {
  const c = await connect(url, 'remote');
  try {
    await inTransaction(c, () => ensureTenantHistory(c));
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * A function's `SET search_path` (`FROM CURRENT` takes the tenant's) names
 * the schema as text, which a rename does not reach: each element that is
 * the template becomes the tenant, element by element (PostgreSQL parses the
 * list again and normalises its quoting).
 */
async function renameInFunctionSearchPaths(client: Client, template: string, schema: string): Promise<void> {
  const res = await client.query<{ f: string; setting: string }>(
    `SELECT p.oid::regprocedure::text AS f, c AS setting
       FROM pg_proc p, unnest(p.proconfig) AS c
      WHERE p.pronamespace = to_regnamespace($1) AND c LIKE 'search\\_path=%'`,
    [ident(schema)],
  );
  for (const { f, setting } of res.rows) {
    const items = setting.slice('search_path='.length).match(/"(?:[^"]|"")*"|[^,\s]+/g) ?? [];
    const names = items.map((i) => (i.startsWith('"') ? i.slice(1, -1).replace(/""/g, '"') : i));
    if (!names.includes(template)) continue;
    const list = names.map((n) => ident(n === template ? schema : n)).join(', ');
    await client.query(`ALTER ROUTINE ${f} SET search_path = ${list || "''"}`);
  }
}
