/**
 * Strategy B, local is the source of truth: apply pending local migrations
 * to the remote in version order, each file with its history row in one
 * transaction, under the advisory lock.
 */
import { acquireLock } from '../db/lock.js';
import { DbalignError } from '../errors.js';
import { loadMigration, readUtf8, type LoadedMigration } from '../migrations/files.js';
import { ensureHistoryTables, readSeedHistory, recordSeed, versionArgs } from '../migrations/history.js';
import { ensureStateDir, seedFiles, type Project, type SeedFile } from '../migrations/project.js';
import { safetyBackup } from './backup.js';
import type { Profile } from './reset.js';
import { splitStatements, type Statement } from '../migrations/sql.js';
import { applyMigration, retrying, runSeed } from './apply.js';
import type { Log } from './log.js';
import { readHistoryContext, type HistoryContext } from './status.js';
import { connect, DEFAULT_LOCK_WAITS, inTransaction, pinWriteSession, retryLockWaits, type Client, type LockWaits } from '../db/connection.js';

export interface PushOptions {
  remoteUrl: string;
  dryRun?: boolean;
  includeAll?: boolean;
  includeSeed?: boolean;
  lockTimeoutMs?: number;
  /** How statements wait for table locks (default DEFAULT_LOCK_WAITS). */
  lockWaits?: LockWaits;
  /** Take a backup of the remote before writing (default true). */
  backup?: boolean;
  profile: Profile;
  /** Asked before anything is written; false stops the push. */
  confirm?: (migrations: LoadedMigration[], seeds: PendingSeed[]) => Promise<boolean>;
}

export interface PushResult {
  applied: string[];
  seeded: string[];
  /**
   * Seed files that changed since they ran: their recorded hash is updated
   * and they are not run again, as the Supabase CLI does.
   */
  seedHashesUpdated: string[];
  dryRun: boolean;
  /** Folder of the backup taken before writing, if any. */
  backup: string | null;
  /** SQL that ran (or would run), in order: migrations, history writes, seeds. */
  sql: string[];
}

/** The exact commands that resolve a history that blocks a push. */
export function pushBlockers(ctx: HistoryContext, includeAll: boolean): string | undefined {
  const { remoteOnly, outOfOrder } = ctx.assessment;
  if (remoteOnly.length) {
    return `the remote has applied migrations with no local file: ${remoteOnly.join(', ')}; get those files (git pull), or if they are obsolete run \`dbalign repair --status reverted ${versionArgs(remoteOnly)}\`, or run \`dbalign pull\` to capture the remote schema`;
  }
  if (outOfOrder.length && !includeAll) {
    return `local migrations ${outOfOrder.join(', ')} are older than the newest applied version on the remote: rerun with \`dbalign push --include-all\` to apply them anyway`;
  }
  return undefined;
}

export async function push(project: Project, options: PushOptions, log: Log): Promise<PushResult> {
  const remote = await connect(options.remoteUrl, 'remote');
  try {
    if (!options.dryRun) await pinWriteSession(remote, options.lockWaits ?? DEFAULT_LOCK_WAITS);
    const lock = options.dryRun
      ? undefined
      : await acquireLock(remote, options.lockTimeoutMs ?? 60_000, (pid) =>
          log.info(`waiting for another dbalign run on the remote${pid ? ` (server pid ${pid})` : ''} to finish…`),
        );
    try {
      return await pushLocked(project, remote, options, log);
    } finally {
      await lock?.release();
    }
  } finally {
    await remote.end().catch(() => undefined);
  }
}

async function pushLocked(project: Project, remote: Client, options: PushOptions, log: Log): Promise<PushResult> {
  const ctx = await readHistoryContext(project.workdir, remote, log);
  const blocked = pushBlockers(ctx, Boolean(options.includeAll));
  if (blocked) throw new DbalignError(blocked);

  // Every pending file is read and parsed before anything is written.
  const pending: LoadedMigration[] = [];
  for (const version of ctx.assessment.pending) {
    const file = ctx.list.files.find((f) => f.version === version)!;
    pending.push(ctx.loaded.get(version) ?? (await loadMigration(file)));
  }
  assertPushable(pending);

  const seeds = options.includeSeed ? await pendingSeeds(project, remote) : [];
  const seedStatements = new Map<string, Statement[]>();
  for (const seed of seeds) {
    if (!seed.changed) seedStatements.set(seed.path, splitStatements(await readUtf8(seed.file, 'seed file'), seed.path));
  }

  const result: PushResult = { applied: [], seeded: [], seedHashesUpdated: [], dryRun: Boolean(options.dryRun), backup: null, sql: [] };
  for (const m of pending) {
    result.sql.push(
      `-- ${m.file}${m.mode === 'none' ? ' (runs outside a transaction: -- pg-delta: transaction=false)' : m.mode === 'file' ? ' (in the transaction the file opens)' : m.nonTransactional ? ` (${m.nonTransactional} runs outside a transaction)` : ''}`,
    );
    result.sql.push(...m.statements.map((s) => s.sql + ';'));
    result.sql.push(
      `INSERT INTO supabase_migrations.schema_migrations (version, name, statements) VALUES ('${m.version}', '${m.name.replace(/'/g, "''")}', <${m.statements.length} statements>);`,
    );
  }
  for (const seed of seeds) {
    if (seed.changed) result.sql.push(`-- seed ${seed.path} changed since it ran: not run again, its recorded hash is updated`);
    else result.sql.push(`-- seed ${seed.path}`, ...(seedStatements.get(seed.path) ?? []).map((s) => s.sql + ';'));
    result.sql.push(`INSERT INTO supabase_migrations.seed_files (path, hash) VALUES ('${seed.path.replace(/'/g, "''")}', '${seed.hash}') ON CONFLICT (path) DO UPDATE SET hash = EXCLUDED.hash;`);
  }
  if (pending.length === 0 && seeds.length === 0) {
    log.info('Remote database is up to date.');
    return result;
  }
  if (options.dryRun) return result;
  if (options.confirm && !(await options.confirm(pending, seeds))) {
    throw new DbalignError('push cancelled: nothing was written');
  }
  if (options.backup !== false) {
    await ensureStateDir(project);
    result.backup = await safetyBackup(project.stateDir, options.remoteUrl, options.profile, log);
  }

  result.applied.push(...(await applyPending(remote, pending, log)));
  for (const seed of seeds) {
    if (seed.changed) {
      log.info(`${seed.path} changed since it ran: updating its recorded hash, not running it again (as the Supabase CLI does)`);
      await retryLockWaits(remote, () => recordSeed(remote, { path: seed.path, hash: seed.hash }), (err, ...n) => log.info(retrying(`seed file ${seed.path}`, 'its hash update', err, ...n)));
      result.seedHashesUpdated.push(seed.path);
      continue;
    }
    log.info(`Seeding data from ${seed.path}…`);
    await runSeed(remote, { path: seed.path, hash: seed.hash }, seedStatements.get(seed.path) ?? [], true, log);
    result.seeded.push(seed.path);
  }
  return result;
}

/** Applies `pending` in order, each file with its history row; returns the versions applied. */
/**
 * Files the Supabase CLI applies but that could leave part of themselves on
 * production, unrecorded, if a statement failed: refused before anything is written.
 */
export function assertPushable(pending: readonly LoadedMigration[]): void {
  const unsafe = pending.find((m) => m.unsafe);
  if (unsafe) throw new DbalignError(`${unsafe.unsafe} (dbalign builds such a file in shadow and local databases, as the Supabase CLI does, but does not push it)`);
}

export async function applyPending(remote: Client, pending: readonly LoadedMigration[], log: Log): Promise<string[]> {
  assertPushable(pending);
  const applied: string[] = [];
  await retryLockWaits(remote, () => inTransaction(remote, () => ensureHistoryTables(remote)), (err, ...n) => log.info(retrying('the history table', 'its creation', err, ...n)));
  for (let i = 0; i < pending.length; i++) {
    const m = pending[i]!;
    log.progress('Applying migrations', i, pending.length);
    log.info(`Applying migration ${m.file}…`);
    await applyMigration(remote, m, log, {
      record: true,
      hint: `earlier migrations stay applied and recorded; fix ${m.file} and run \`dbalign push\` again`,
      rerun: `earlier migrations stay applied and recorded; check that the server is up and run \`dbalign push\` again`,
    });
    applied.push(m.version);
  }
  log.progress('Applying migrations', pending.length, pending.length);
  return applied;
}

export interface PendingSeed extends SeedFile {
  /** Recorded with another hash: the file changed since it ran. */
  changed: boolean;
}

/**
 * Seed files not yet recorded, and recorded ones whose file changed: as the
 * Supabase CLI does, changed ones only get their hash updated (running them
 * again could insert their rows twice).
 */
async function pendingSeeds(project: Project, remote: Client): Promise<PendingSeed[]> {
  const files = await seedFiles(project);
  const done = new Map((await readSeedHistory(remote)).map((r) => [r.path, r.hash]));
  const out: PendingSeed[] = [];
  for (const f of files) {
    const hash = done.get(f.path);
    if (hash === undefined) out.push({ ...f, changed: false });
    else if (hash !== f.hash) out.push({ ...f, changed: true });
  }
  return out;
}
