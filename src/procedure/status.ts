/** `dbalign status`: migration history of the local files against the remote. */
import type { Client } from '../db/connection.js';
import { listMigrations, loadMigration, loadMigrations, type LoadedMigration, type MigrationFile, type MigrationList } from '../migrations/files.js';
import { readHistory, type HistoryRow } from '../migrations/history.js';
import { assessHistory, type HistoryAssessment } from './history.js';
import type { Log } from './log.js';

export interface HistoryContext {
  list: MigrationList;
  loaded: Map<string, LoadedMigration>;
  rows: HistoryRow[];
  assessment: HistoryAssessment;
}

/**
 * Reads files and history and compares them. Files that cannot be loaded
 * are reported as warnings here; commands that run them fail on them.
 */
export async function readHistoryContext(workdir: string, remote: Client, log: Log): Promise<HistoryContext> {
  const list = await listMigrations(workdir);
  for (const w of list.warnings) log.warn(w);
  const rows = await readHistory(remote);
  const loaded = await loadReadable(list.files, log);
  const assessment = await assessHistory(list.files, loaded, rows);
  return { list, loaded, rows, assessment };
}

/**
 * Every migration, parsed: the files readHistoryContext already loaded, or,
 * when one could not be loaded, the error that says why.
 */
export async function allMigrations(ctx: HistoryContext): Promise<LoadedMigration[]> {
  return ctx.loaded.size === ctx.list.files.length ? [...ctx.loaded.values()] : loadMigrations(ctx.list.files);
}

/** The files that load, by version; one that cannot be read is a warning, so the rest can still be listed. */
export async function loadReadable(files: readonly MigrationFile[], log: Log): Promise<Map<string, LoadedMigration>> {
  const loaded = new Map<string, LoadedMigration>();
  for (const f of files) {
    try {
      loaded.set(f.version, await loadMigration(f));
    } catch (err) {
      log.warn((err as Error).message);
    }
  }
  return loaded;
}
