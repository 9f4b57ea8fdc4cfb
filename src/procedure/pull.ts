/**
 * Strategy A, production is the source of truth: capture the difference
 * between what the migrations build and the remote schema in a new
 * migration file, then record it as applied on the remote (which already has
 * it). The file is on disk, synced, before the history row is written.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { connect, connectionLost, DEFAULT_LOCK_WAITS, inTransaction, pinWriteSession, retryLockWaits, type Client, type LockWaits } from '../db/connection.js';
import { isEmbeddedMajor, type EmbeddedMajor } from '../db/embedded.js';
import { acquireLock } from '../db/lock.js';
import { DbalignError } from '../errors.js';
import { createMigration, loadMigration, type LoadedMigration, type MigrationFile } from '../migrations/files.js';
import { ensureHistoryTables, insertMigration, versionArgs } from '../migrations/history.js';
import { ensureStateDir, type Project } from '../migrations/project.js';
import { readSnapshot, type Snapshot } from '../catalog/index.js';
import { safetyBackup } from './backup.js';
import type { Log } from './log.js';
import type { Profile } from './reset.js';
import { compareSnapshots, scopeFor, type SchemaDifference } from './schema.js';
import { compareWithRenames, NO_RENAMES, type RenameOptions, type RenameReport } from './renames.js';
import { createShadow, migrationsKey, readShadow, type ShadowSnapshots } from './shadow.js';
import { allMigrations, readHistoryContext, type HistoryContext } from './status.js';
import { markApplying, retrying } from './apply.js';

export interface PullOptions {
  remoteUrl: string;
  name?: string;
  dryRun?: boolean;
  profile: Profile;
  shadowUrl?: string;
  backup?: boolean;
  lockTimeoutMs?: number;
  /** How statements wait for table locks (default DEFAULT_LOCK_WAITS). */
  lockWaits?: LockWaits;
  /** --rename / --allow-data-loss and the terminal's answers. */
  renames?: RenameOptions;
}

export interface PullResult {
  /** Rename candidates and how each was decided. */
  renames: RenameReport;
  /** The new migration file, or null when there was nothing to pull (or a dry run). */
  file: string | null;
  version: string | null;
  sql: string;
  objects: SchemaDifference['objects'];
  backup: string | null;
  dryRun: boolean;
  warnings: string[];
}

/** The major a shadow should run to read like the remote reads. */
export async function majorOf(client: Client, fallback: EmbeddedMajor): Promise<EmbeddedMajor> {
  const r = await client.query<{ n: string }>(`SELECT current_setting('server_version_num') AS n`);
  const major = Math.floor(Number(r.rows[0]!.n) / 10000);
  return isEmbeddedMajor(major) ? major : fallback;
}

/** Why history forbids a pull, with the exact command that fixes it. */
export function pullBlockers(ctx: HistoryContext): string | undefined {
  const { remoteOnly, modified, pending } = ctx.assessment;
  if (remoteOnly.length) {
    return `the remote history has versions with no local file: ${remoteOnly.join(', ')}; run \`dbalign repair --status reverted ${versionArgs(remoteOnly)}\` first (their schema is then pulled into the new migration), or get those files`;
  }
  if (modified.length) {
    return `applied migrations were edited afterwards: ${modified.join(', ')}; run \`dbalign repair --status applied ${modified.join(' ')}\` to record the edited files first, or restore them from git`;
  }
  if (pending.length) {
    return `local migrations are not applied on the remote: ${pending.join(', ')}; run \`dbalign push\` first, or \`dbalign align\` to do both in order`;
  }
  return undefined;
}

/** The difference between what the migrations build and the remote. */
export async function migrationsVsRemote(
  project: Project,
  remote: Client,
  migrations: readonly LoadedMigration[],
  options: { profile: Profile; shadowUrl?: string; snapshots?: ShadowSnapshots },
  log: Log,
  /** For a plan that is written: rename candidates are decided (see renames.ts). */
  renames?: RenameOptions,
): Promise<SchemaDifference & { shadowSetupMs: number; standins: string[]; migrationsSnapshot: Snapshot; major: EmbeddedMajor; renames?: RenameReport }> {
  const scope = scopeFor(options.profile);
  const major = await majorOf(remote, project.major);
  const build = async () => {
    const shadow = await createShadow(project, migrations, { major, profile: options.profile, shadowUrl: options.shadowUrl }, log);
    return { snapshot: await readShadow(shadow, scope), setupMs: shadow.setupMs, standins: shadow.standins };
  };
  // Over many remotes (a fleet), the shadow is built once per distinct set of migrations.
  const key = `migrations:${major}:${options.profile}:${options.shadowUrl ?? ''}:${migrationsKey(migrations)}`;
  // Both settle before either failure is thrown: a shadow being built is disposed of, not left behind.
  const [built, remoteRead] = await Promise.allSettled([options.snapshots ? options.snapshots.memo(key, build) : build(), readSnapshot(remote, scope)]);
  if (built.status === 'rejected') throw built.reason;
  if (remoteRead.status === 'rejected') throw remoteRead.reason;
  const from = built.value.snapshot;
  const to = remoteRead.value;
  const diff = renames
    ? await compareWithRenames(from, to, { ...renames, context: { project, profile: options.profile, major, shadowUrl: options.shadowUrl } }, log)
    : compareSnapshots(from, to);
  return { ...diff, shadowSetupMs: built.value.setupMs, standins: built.value.standins, migrationsSnapshot: from, major };
}

export async function pull(project: Project, options: PullOptions, log: Log): Promise<PullResult> {
  const remote = await connect(options.remoteUrl, 'remote');
  try {
    if (!options.dryRun) await pinWriteSession(remote, options.lockWaits ?? DEFAULT_LOCK_WAITS);
    const lock = options.dryRun ? undefined : await acquireLock(remote, options.lockTimeoutMs ?? 60_000, (pid) =>
      log.info(`waiting for another dbalign run on the remote${pid ? ` (server pid ${pid})` : ''} to finish…`),
    );
    try {
      const ctx = await readHistoryContext(project.workdir, remote, log);
      const blocked = pullBlockers(ctx);
      if (blocked) throw new DbalignError(`cannot pull: ${blocked}`);
      const migrations = await allMigrations(ctx);
      log.info('Building the schema of the migrations in a shadow database…');
      const diff = await migrationsVsRemote(project, remote, migrations, options, log, options.renames ?? NO_RENAMES);
      for (const w of diff.warnings) log.warn(w);
      const result: PullResult = { file: null, version: null, sql: diff.sql, objects: diff.objects, backup: null, dryRun: Boolean(options.dryRun), warnings: diff.warnings, renames: diff.renames! };
      if (!diff.sql) {
        log.info('No schema changes found: the migrations build the remote schema.');
        return result;
      }
      if (options.dryRun) return result;
      if (options.backup !== false) {
        await ensureStateDir(project);
        result.backup = await safetyBackup(project.stateDir, options.remoteUrl, options.profile, log);
      }
      const file = await recordPulledMigration(project, remote, diff.sql, options.name ?? 'remote_schema', log);
      result.file = path.relative(project.workdir, file.path);
      result.version = file.version;
      log.info(`Wrote ${result.file} and recorded it as applied on the remote.`);
      return result;
    } finally {
      await lock?.release();
    }
  } finally {
    await remote.end().catch(() => undefined);
  }
}

/**
 * Writes `sql` as a new migration (synced to disk first) and records it as
 * applied on the remote, which already has that schema.
 */
export async function recordPulledMigration(project: Project, remote: Client, sql: string, name: string, log: Log): Promise<LoadedMigration> {
  const header = `-- Pulled from the remote by dbalign on ${new Date().toISOString()}.\n\n`;
  const file = await createMigration(project.workdir, name, header + sql.trimEnd() + '\n').catch((err: unknown) => {
    throw err instanceof DbalignError ? new DbalignError(`${err.message}; nothing was recorded on the remote`, { cause: err }) : err;
  });
  try {
    const loaded = await loadMigration(file);
    const unit = () =>
      inTransaction(remote, async () => {
        await markApplying(remote, true);
        await ensureHistoryTables(remote);
        await insertMigration(remote, { version: loaded.version, name: loaded.name, statements: loaded.statements.map((s) => s.sql) });
      });
    await retryLockWaits(remote, unit, (err, ...n) => log.info(retrying(file.file, 'its history write', err, ...n)));
    return loaded;
  } catch (err) {
    throw await unrecordedPull(file, err);
  }
}

/**
 * A pulled file that could not be recorded is removed: its changes are already
 * on the remote, so left pending it would be pushed there again (and `pull`
 * itself would then advise a push). When the connection was lost, the row may
 * have been committed all the same: the message says how to tell and what to do.
 */
async function unrecordedPull(file: MigrationFile, err: unknown): Promise<DbalignError> {
  const e = err as { message?: unknown; code?: unknown };
  const reason = String(e?.message ?? err).split('\n')[0];
  const sqlstate = typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? ` (SQLSTATE ${e.code})` : '';
  const removed = await fs.rm(file.path).then(() => true, () => false);
  const what = `could not record ${file.file} as applied on the remote: ${reason}${sqlstate}`;
  const lost = connectionLost(err);
  const state = lost
    ? `the connection was lost, so the history row may or may not have been committed`
    : `nothing was recorded on the remote`;
  const left = removed
    ? `dbalign removed the file (its changes are already on the remote, so pushing it would run them again)`
    : `the file is still there and could not be removed: delete ${path.join('supabase', 'migrations', file.file)} yourself (its changes are already on the remote, so pushing it would run them again)`;
  const next = lost
    ? `run \`dbalign status\`: if it lists ${file.version} as only on the remote, run \`dbalign repair --status reverted ${file.version}\`; then run \`dbalign pull\` again`
    : `fix the cause and run \`dbalign pull\` again`;
  return new DbalignError(`${what}; ${state}; ${left}; ${next}`, { cause: err });
}
