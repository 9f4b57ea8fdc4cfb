/**
 * Strategy C, the history is inconsistent: mark versions applied (recording
 * the local file's statements without running them) or reverted (deleting
 * their rows), so local and remote history match.
 */
import { connect, DEFAULT_LOCK_WAITS, inTransaction, pinWriteSession, retryLockWaits, type LockWaits } from '../db/connection.js';
import { acquireLock } from '../db/lock.js';
import { DbalignError } from '../errors.js';
import { listMigrations, loadMigration, type LoadedMigration } from '../migrations/files.js';
import { deleteMigrations, ensureHistoryTables, readHistory, recordMigration } from '../migrations/history.js';
import { ensureStateDir, type Project } from '../migrations/project.js';
import { markApplying, retrying } from './apply.js';
import { safetyBackup } from './backup.js';
import type { Profile } from './reset.js';
import type { Log } from './log.js';

export type RepairStatus = 'applied' | 'reverted';

export interface RepairOptions {
  remoteUrl: string;
  status: RepairStatus;
  versions: string[];
  dryRun?: boolean;
  lockTimeoutMs?: number;
  /** How statements wait for table locks (default DEFAULT_LOCK_WAITS). */
  lockWaits?: LockWaits;
  /** Take a backup of the remote before writing (default true). */
  backup?: boolean;
  profile: Profile;
}

export interface RepairResult {
  status: RepairStatus;
  /** Versions whose rows were written (applied) or deleted (reverted). */
  changed: string[];
  /** Versions that needed nothing (already applied with the same name, or no row to delete). */
  unchanged: string[];
  dryRun: boolean;
  backup: string | null;
}

export async function repair(project: Project, options: RepairOptions, log: Log): Promise<RepairResult> {
  if (options.versions.length === 0) {
    throw new DbalignError('repair needs at least one version, as in `dbalign repair --status reverted 20240101120000`');
  }
  for (const v of options.versions) {
    // A file's version is digits; a row another tool wrote may hold anything, and reverting must be able to remove it.
    if (options.status === 'applied' ? !/^[0-9]+$/.test(v) : !v || /[\x00-\x1f]/.test(v)) {
      throw new DbalignError(
        options.status === 'applied'
          ? `invalid version "${v}": a version is the digits before _ in a migration's file name (to remove a history row whatever its version, use --status reverted)`
          : `invalid version "${v}": give the version as \`dbalign status\` lists it`,
      );
    }
  }
  const versions = [...new Set(options.versions)];
  // For `applied`, every file must exist and parse before anything is written.
  const files: LoadedMigration[] = [];
  if (options.status === 'applied') {
    const list = await listMigrations(project.workdir);
    for (const v of versions) {
      const file = list.files.find((f) => f.version === v);
      if (!file) {
        throw new DbalignError(
          `no local migration file for version ${v}: \`repair --status applied\` records a file's statements, so the file must exist; to remove the row use \`--status reverted\``,
        );
      }
      files.push(await loadMigration(file));
    }
  }

  const remote = await connect(options.remoteUrl, 'remote');
  const retried = (unit: () => Promise<void>) => retryLockWaits(remote, unit, (err, ...n) => log.info(retrying('repair', 'its history write', err, ...n)));
  try {
    if (!options.dryRun) await pinWriteSession(remote, options.lockWaits ?? DEFAULT_LOCK_WAITS);
    const lock = options.dryRun ? undefined : await acquireLock(remote, options.lockTimeoutMs ?? 60_000, (pid) =>
      log.info(`waiting for another dbalign run on the remote${pid ? ` (server pid ${pid})` : ''} to finish…`),
    );
    try {
      const present = new Set((await readHistory(remote)).map((r) => r.version));
      const result: RepairResult = { status: options.status, changed: [], unchanged: [], dryRun: Boolean(options.dryRun), backup: null };
      const writes = options.status === 'applied' ? files.length > 0 : versions.some((v) => present.has(v));
      if (writes && !options.dryRun && options.backup !== false) {
        await ensureStateDir(project);
        result.backup = await safetyBackup(project.stateDir, options.remoteUrl, options.profile, log);
      }
      if (options.status === 'applied') {
        for (const f of files) result.changed.push(f.version);
        if (!options.dryRun) {
          await retried(() =>
            inTransaction(remote, async () => {
              await markApplying(remote, true);
              await ensureHistoryTables(remote);
              for (const f of files) {
                await recordMigration(remote, { version: f.version, name: f.name, statements: f.statements.map((s) => s.sql) });
              }
            }),
          );
        }
      } else {
        for (const v of versions) (present.has(v) ? result.changed : result.unchanged).push(v);
        if (!options.dryRun && result.changed.length) {
          await retried(() =>
            inTransaction(remote, async () => {
              await markApplying(remote, true);
              await deleteMigrations(remote, result.changed);
            }),
          );
        }
      }
      for (const v of result.unchanged) log.warn(`version ${v} has no row in the remote history: nothing to revert`);
      return result;
    } finally {
      await lock?.release();
    }
  } finally {
    await remote.end().catch(() => undefined);
  }
}
