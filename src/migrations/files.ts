/** Migration files in the Supabase layout: supabase/migrations/<version>_<name>.sql */
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeDurably } from '../durable.js';
import { DbalignError, fileProblem } from '../errors.js';
import { hasNoTransactionDirective, loadParser, splitSql, SqlSyntaxError, transactionControl, type Statement } from './sql.js';

export interface MigrationFile {
  /** Digits, kept as written: the history table stores it as text. */
  version: string;
  name: string;
  /** File name, e.g. `20240101120000_create_users.sql`. */
  file: string;
  path: string;
}

/**
 * How a migration runs, as the Supabase CLI runs it:
 * - `transaction`: in one transaction with its history row (a statement
 *   PostgreSQL refuses in a transaction runs alone between transactions);
 * - `file`: the file opens its transaction with BEGIN and ends it with
 *   COMMIT; the history row is written inside it, before the COMMIT;
 * - `none`: the file starts with `-- pg-delta: transaction=false`; each
 *   statement runs on its own, then the history row is written.
 */
export type RunMode = 'transaction' | 'file' | 'none';

export interface LoadedMigration extends MigrationFile {
  /** The statements as the Supabase CLI splits them (pieces of comments alone included). */
  statements: Statement[];
  mode: RunMode;
  /** The first statement that cannot run inside a transaction, if any. */
  nonTransactional?: string;
  /**
   * Why the file cannot be pushed safely though the Supabase CLI applies it:
   * transactions of its own that do not span the whole file (a COMMIT in the
   * middle, a BEGIN after other statements). Such a file runs statement by
   * statement, its own BEGIN and COMMIT included (mode `none`), in shadow and
   * local databases; push and align refuse it with this reason.
   */
  unsafe?: string;
  /**
   * False when the Supabase CLI's splitter would cut one of the file's
   * statements apart (the CLI cannot apply it): dbalign then runs and records
   * PostgreSQL's statements.
   */
  cliSplit: boolean;
}

export interface MigrationList {
  dir: string;
  files: MigrationFile[];
  /** Files in the folder that are not migrations, one message each. */
  warnings: string[];
}

const FILE_PATTERN = /^([0-9]+)_(.*)\.sql$/;
/** The legacy first migration the Supabase CLI skips (see listMigrations). */
const LEGACY_INIT = /([0-9]{14})_init\.sql/;
const LEGACY_INIT_BEFORE = 20211209000000;

export function migrationsDir(workdir: string): string {
  return path.join(workdir, 'supabase', 'migrations');
}

/**
 * Orders versions as the Supabase CLI does: as strings, character by
 * character (`20240104120000` before `20240105`, `002` before `2`).
 */
export function compareVersions(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts folder entries as the Supabase CLI reads the folder: by the UTF-8 bytes of their names. */
function sortByBytes<T extends { name: string }>(entries: T[]): T[] {
  const keyed = entries.map((e) => ({ e, key: Buffer.from(e.name, 'utf8') }));
  keyed.sort((a, b) => Buffer.compare(a.key, b.key));
  return keyed.map((k) => k.e);
}

/**
 * Lists the migration files of a project as the Supabase CLI does: every
 * entry named <digits>_<name>.sql that is not a folder (a symbolic link is
 * followed when the file is read), sorted by version as strings. The first
 * entry of the folder, when it is a `<14 digits>_init.sql` from before
 * 2021-12-09, is skipped (the CLI's legacy initial schema).
 */
export async function listMigrations(workdir: string): Promise<MigrationList> {
  const dir = migrationsDir(workdir);
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DbalignError(
        `no migrations folder at ${path.relative(process.cwd(), dir) || dir}: run \`dbalign new <name>\` to create one, or pass --workdir <project>`,
      );
    }
    throw new DbalignError(`cannot read ${dir}: ${code ?? String(err)}; check its permissions`);
  }
  entries = sortByBytes(entries);
  const files: MigrationFile[] = [];
  const warnings: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.isDirectory()) continue;
    if (i === 0) {
      const legacy = LEGACY_INIT.exec(entry.name);
      if (legacy && Number(legacy[1]) < LEGACY_INIT_BEFORE) {
        warnings.push(
          `skipping ${entry.name}: a first migration named <timestamp>_init.sql from before 2021-12-09 is the old initial schema, which the Supabase CLI skips too; replace "init" in its name to apply it`,
        );
        continue;
      }
    }
    const match = FILE_PATTERN.exec(entry.name);
    if (!match) {
      if (entry.name !== '.gitkeep') {
        warnings.push(`skipping ${entry.name}: a migration file is named <version>_<name>.sql, the version being digits`);
      }
      continue;
    }
    if (!entry.isFile() && !entry.isSymbolicLink()) {
      warnings.push(`skipping ${entry.name}: it is not a file`);
      continue;
    }
    files.push({ version: match[1]!, name: match[2]!, file: entry.name, path: path.join(dir, entry.name) });
  }
  // Array.prototype.sort is stable: equal versions keep the folder's order.
  files.sort((a, b) => compareVersions(a.version, b.version));
  for (let i = 1; i < files.length; i++) {
    if (files[i]!.version === files[i - 1]!.version) {
      throw new DbalignError(
        `duplicate migration version ${files[i]!.version}: ${files[i - 1]!.file} and ${files[i]!.file}; rename one of them to a new version`,
      );
    }
  }
  return { dir, files, warnings };
}

/** Reads a file as UTF-8, refusing anything else. */
export async function readUtf8(file: string, what = 'file'): Promise<string> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    let why = code === 'EACCES' ? 'permission denied; fix its permissions' : code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : String(code ?? err);
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'EISDIR') {
      const target = await fs.readlink(file).catch(() => undefined);
      if (target !== undefined) {
        why = `it is a symbolic link to ${target}, which ${code === 'EISDIR' ? 'is a folder' : 'does not exist'}; fix or remove the link`;
      }
    }
    throw new DbalignError(`cannot read ${what} ${path.basename(file)}: ${why}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new DbalignError(`${what} ${path.basename(file)} is not UTF-8 text: save it as UTF-8 and run again`);
  }
  // The parser and the server read text up to a NUL only: what follows it would be lost unseen.
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    throw new DbalignError(`${what} ${path.basename(file)} holds a NUL byte at line ${line}: remove it and run again`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads and splits one migration. Syntax errors and transaction control that
 * could leave part of a file applied and unrecorded are errors: nothing of
 * such a file may run. An empty file, or one of comments alone, is a
 * migration with nothing to run, as it is to the Supabase CLI.
 */
export async function loadMigration(file: MigrationFile): Promise<LoadedMigration> {
  await loadParser();
  const text = await readUtf8(file.path, 'migration');
  let split: ReturnType<typeof splitSql>;
  try {
    split = splitSql(text, file.file);
  } catch (err) {
    if (err instanceof SqlSyntaxError) throw err;
    throw new DbalignError(`${file.file}: cannot be parsed (${(err as Error).message}); fix the SQL and run again`);
  }
  const { statements } = split;
  let mode: RunMode = hasNoTransactionDirective(text) ? 'none' : statements.some((s) => s.transaction === 'begin') ? 'file' : 'transaction';
  const unsafe = checkTransactionControl(file.file, statements, mode);
  if (unsafe) mode = 'none';
  const loaded: LoadedMigration = { ...file, statements, mode, cliSplit: split.cliSplit, ...(unsafe ? { unsafe } : {}) };
  const nonTx = statements.find((s) => s.nonTransactional);
  if (nonTx) loaded.nonTransactional = nonTx.nonTransactional!;
  return loaded;
}

/**
 * Transaction control dbalign runs as the Supabase CLI does, and what it
 * refuses: what would record as applied a file whose changes were rolled
 * back, or cannot run at all. What would leave part of a file applied with no
 * history row if a later statement failed is returned as the reason the file
 * is not pushed (it still builds shadow and local databases).
 */
function checkTransactionControl(file: string, statements: readonly Statement[], mode: RunMode): string | undefined {
  let unsafe: string | undefined;
  const at = (s: Statement) => `${file} line ${s.line}: ${transactionControl(s) ?? s.nonTransactional}`;
  const sql = statements.filter((s) => s.kind !== '');
  let open: Statement | undefined;
  for (let i = 0; i < sql.length; i++) {
    const s = sql[i]!;
    switch (s.transaction) {
      case 'rollback':
      case 'prepare transaction':
      case 'commit prepared':
      case 'rollback prepared':
        throw new DbalignError(
          `${at(s)} ends the transaction without committing it, yet the Supabase CLI would record the file as applied; remove it`,
        );
      case 'begin':
        if (open) throw new DbalignError(`${at(s)} opens a transaction inside the one opened at line ${open.line}; remove one of them`);
        if (mode === 'file' && i !== 0) {
          unsafe = `${at(s)} is not the file's first statement: the statements before it would be committed on their own, and stay applied with no history row if a later one failed; move it to the top`;
          mode = 'none';
        }
        open = s;
        break;
      case 'commit':
        if (!open) {
          throw new DbalignError(`${at(s)} has no BEGIN before it: start the file with BEGIN, or remove it (dbalign runs each file in a transaction)`);
        }
        if (mode === 'file' && i !== sql.length - 1) {
          unsafe = `${at(s)} in the middle of the file would leave the statements before it applied and the file unrecorded if a later one failed; split the file at line ${s.line}, or move the COMMIT to the end`;
          mode = 'none';
        }
        open = undefined;
        break;
      case 'savepoint':
      case 'release':
      case 'rollback to':
        if (!open && mode !== 'transaction') {
          throw new DbalignError(`${at(s)} needs a transaction: open one with BEGIN before it`);
        }
        break;
      default:
        if (s.nonTransactional && open) {
          throw new DbalignError(
            `${at(s)} cannot run inside the transaction opened at line ${open.line}; move it to a file of its own`,
          );
        }
    }
  }
  if (open) throw new DbalignError(`${at(open)} has no COMMIT after it; end the file with COMMIT`);
  return unsafe;
}

export async function loadMigrations(files: readonly MigrationFile[]): Promise<LoadedMigration[]> {
  const out: LoadedMigration[] = [];
  for (const f of files) out.push(await loadMigration(f));
  return out;
}

/** UTC YYYYMMDDHHMMSS, the version `dbalign new` gives a migration. */
export function timestampVersion(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The Time (UTC) column of a version, when it is a timestamp. */
export function versionTime(version: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$/.exec(version);
  if (!m) return '';
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/**
 * Creates a migration file holding `sql` (empty by default) and returns it.
 * The file appears whole and synced to disk, so a history row written after
 * this returns never points at a file that is not there.
 */
export async function createMigration(workdir: string, name: string, sql = '', date = new Date()): Promise<MigrationFile> {
  const clean = migrationName(name);
  const dir = migrationsDir(workdir);
  const shown = path.relative(process.cwd(), dir) || dir;
  try {
    await fs.mkdir(dir, { recursive: true });
    let version = timestampVersion(date);
    const existing = new Set((await fs.readdir(dir)).map((f) => FILE_PATTERN.exec(f)?.[1]).filter(Boolean));
    // Two migrations in one second still get distinct versions.
    while (existing.has(version)) version = (BigInt(version) + 1n).toString();
    const file = `${version}_${clean}.sql`;
    const full = path.join(dir, file);
    await writeDurably(full, sql, { exclusive: true });
    return { version, name: clean, file, path: full };
  } catch (err) {
    if (typeof (err as NodeJS.ErrnoException).code !== 'string') throw err;
    throw new DbalignError(`cannot create a migration file in ${shown}: ${fileProblem(err)}; make ${shown} a writable folder (or pass --workdir <project>) and run again`, { cause: err });
  }
}

/** The file-name part a migration name becomes; a one-line error for one that cannot be. */
export function migrationName(name: string): string {
  const clean = name.trim().replace(/\s+/g, '_');
  if (!clean || /[\\/]/.test(clean) || clean.startsWith('.')) {
    throw new DbalignError(`invalid migration name "${name}": use letters, digits, _ and -, as in \`dbalign new create_users\``);
  }
  // A file name holds 255 bytes: the version, '_', the name, '.sql' and the '.tmp' of the durable write.
  if (Buffer.byteLength(clean) > 200) {
    throw new DbalignError(`migration name "${clean.slice(0, 20)}…" is ${Buffer.byteLength(clean)} bytes long: file names hold 255 bytes, so use a name of at most 200`);
  }
  return clean;
}
