/**
 * Strategy B, local is the source of truth: apply pending local migrations
 * to the remote in version order, each file with its history row in one
 * transaction, under the advisory lock.
 */
import { acquireLock } from '../db/lock.js';
import { DbalignError } from '../errors.js';
import { loadMigration, readUtf8, type LoadedMigration } from '../migrations/files.js';
import { ensureHistoryTables, readSeedHistory, recordSeed } from '../migrations/history.js';
import { ensureStateDir, seedFiles, type Project, type SeedFile } from '../migrations/project.js';
import { safetyBackup } from './backup.js';
import type { Profile } from './reset.js';
import { splitStatements } from '../migrations/sql.js';
import { applyMigration } from './apply.js';
import type { Log } from './log.js';
import { readHistoryContext, type HistoryContext } from './status.js';
import { connect, inTransaction, type Client } from '../db/connection.js';

export interface PushOptions {
  remoteUrl: string;
  dryRun?: boolean;
  includeAll?: boolean;
  includeSeed?: boolean;
  lockTimeoutMs?: number;
  /** Take a backup of the remote before writing (default true). */
  backup?: boolean;
  profile: Profile;
  /** Asked before anything is written; false stops the push. */
  confirm?: (migrations: LoadedMigration[], seeds: SeedFile[]) => Promise<boolean>;
}

export interface PushResult {
  applied: string[];
  seeded: string[];
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
    return `the remote has applied migrations with no local file: ${remoteOnly.join(', ')}; get those files (git pull), or if they are obsolete run \`dbalign repair --status reverted ${remoteOnly.join(' ')}\`, or run \`dbalign pull\` to capture the remote schema`;
  }
  if (outOfOrder.length && !includeAll) {
    return `local migrations ${outOfOrder.join(', ')} are older than the newest applied version on the remote: rerun with \`dbalign push --include-all\` to apply them anyway`;
  }
  return undefined;
}

export async function push(project: Project, options: PushOptions, log: Log): Promise<PushResult> {
  const remote = await connect(options.remoteUrl, 'remote');
  try {
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
  const seeds = options.includeSeed ? await pendingSeeds(project, remote) : [];
  const seedStatements = new Map<string, string[]>();
  for (const seed of seeds) {
    seedStatements.set(seed.path, splitStatements(await readUtf8(seed.file, 'seed file'), seed.path).map((s) => s.sql));
  }

  const result: PushResult = { applied: [], seeded: [], dryRun: Boolean(options.dryRun), backup: null, sql: [] };
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
    result.sql.push(`-- seed ${seed.path}`, ...(seedStatements.get(seed.path) ?? []).map((s) => s + ';'));
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
    log.info(`Seeding data from ${seed.path}…`);
    await inTransaction(remote, async () => {
      for (const sql of seedStatements.get(seed.path) ?? []) await remote.query(sql);
      await recordSeed(remote, { path: seed.path, hash: seed.hash });
    });
    result.seeded.push(seed.path);
  }
  return result;
}

/** Applies `pending` in order, each file with its history row; returns the versions applied. */
export async function applyPending(remote: Client, pending: readonly LoadedMigration[], log: Log): Promise<string[]> {
  const applied: string[] = [];
  await inTransaction(remote, () => ensureHistoryTables(remote));
  for (let i = 0; i < pending.length; i++) {
    const m = pending[i]!;
    log.progress('Applying migrations', i, pending.length);
    log.info(`Applying migration ${m.file}…`);
    await applyMigration(remote, m, log, {
      record: true,
      hint: `earlier migrations stay applied and recorded; fix ${m.file} and run \`dbalign push\` again`,
    });
    applied.push(m.version);
  }
  log.progress('Applying migrations', pending.length, pending.length);
  return applied;
}

/** Seed files not yet recorded; changed ones are not run again (they may duplicate data). */
async function pendingSeeds(project: Project, remote: Client): Promise<SeedFile[]> {
  const files = await seedFiles(project);
  const done = new Map((await readSeedHistory(remote)).map((r) => [r.path, r.hash]));
  const out: SeedFile[] = [];
  for (const f of files) {
    if (!done.has(f.path)) out.push(f);
  }
  return out;
}
