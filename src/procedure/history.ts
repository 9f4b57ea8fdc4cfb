/**
 * Assessing migration history: local files against the remote history
 * table, as `supabase migration list` shows it, plus what it never shows:
 * edited migrations and files that would apply out of order.
 */
import { compareVersions, type LoadedMigration, type MigrationFile } from '../migrations/files.js';
import type { HistoryRow } from '../migrations/history.js';
import { canonicalForm, loadParser } from '../migrations/sql.js';

export interface MigrationState {
  version: string;
  name: string;
  local: boolean;
  remote: boolean;
  /**
   * The applied statements differ from the file's: the file was edited
   * after it was applied. Null when it cannot be told (no file, no recorded
   * statements, or the file does not parse).
   */
  modified: boolean | null;
  /** A local file not applied, older than the newest applied version. */
  outOfOrder: boolean;
}

export interface HistoryAssessment {
  aligned: boolean;
  migrations: MigrationState[];
  /** Versions applied on the remote with no local file. */
  remoteOnly: string[];
  /** Local files not applied on the remote, in version order. */
  pending: string[];
  outOfOrder: string[];
  modified: string[];
}

/**
 * Compares files with history rows. `loaded` holds the files that could be
 * read and parsed; a file missing from it is reported with modified = null.
 */
export async function assessHistory(
  files: readonly MigrationFile[],
  loaded: ReadonlyMap<string, LoadedMigration>,
  rows: readonly HistoryRow[],
): Promise<HistoryAssessment> {
  await loadParser();
  const remote = new Map(rows.map((r) => [r.version, r]));
  const local = new Map(files.map((f) => [f.version, f]));
  const versions = [...new Set([...remote.keys(), ...local.keys()])].sort(compareVersions);
  const newestRemote = rows.length ? rows.map((r) => r.version).sort(compareVersions).at(-1)! : undefined;

  const migrations: MigrationState[] = versions.map((version) => {
    const file = local.get(version);
    const row = remote.get(version);
    let modified: boolean | null = null;
    const body = loaded.get(version);
    if (file && row && row.statements && body) {
      modified = canonicalForm(row.statements) !== canonicalForm(body.statements.map((s) => s.sql));
    }
    return {
      version,
      name: file?.name ?? row?.name ?? '',
      local: Boolean(file),
      remote: Boolean(row),
      modified,
      outOfOrder: Boolean(file && !row && newestRemote && compareVersions(version, newestRemote) < 0),
    };
  });
  const remoteOnly = migrations.filter((m) => m.remote && !m.local).map((m) => m.version);
  const pending = migrations.filter((m) => m.local && !m.remote).map((m) => m.version);
  const outOfOrder = migrations.filter((m) => m.outOfOrder).map((m) => m.version);
  const modified = migrations.filter((m) => m.modified === true).map((m) => m.version);
  return {
    aligned: remoteOnly.length === 0 && pending.length === 0 && modified.length === 0,
    migrations,
    remoteOnly,
    pending,
    outOfOrder,
    modified,
  };
}
