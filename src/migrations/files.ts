/** Migration files in the Supabase layout: supabase/migrations/<version>_<name>.sql */
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeDurably } from '../durable.js';
import { DbalignError } from '../errors.js';
import { loadParser, splitStatements, SqlSyntaxError, transactionControl, type Statement } from './sql.js';

export interface MigrationFile {
  /** Digits, kept as written: the history table stores it as text. */
  version: string;
  name: string;
  /** File name, e.g. `20240101120000_create_users.sql`. */
  file: string;
  path: string;
}

export interface LoadedMigration extends MigrationFile {
  statements: Statement[];
  /** The first statement that cannot run inside a transaction, if any. */
  nonTransactional?: string;
}

export interface MigrationList {
  dir: string;
  files: MigrationFile[];
  /** Files in the folder that are not migrations, one message each. */
  warnings: string[];
}

const FILE_PATTERN = /^([0-9]+)_(.*)\.sql$/;

export function migrationsDir(workdir: string): string {
  return path.join(workdir, 'supabase', 'migrations');
}

/** Orders versions by number, so 8- and 14-digit versions mix correctly. */
export function compareVersions(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lists the migration files of a project, sorted by version. */
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
  const files: MigrationFile[] = [];
  const warnings: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const match = FILE_PATTERN.exec(entry.name);
    if (!match) {
      if (entry.name !== '.gitkeep') {
        warnings.push(`skipping ${entry.name}: a migration file is named <version>_<name>.sql, the version being digits`);
      }
      continue;
    }
    files.push({ version: match[1]!, name: match[2]!, file: entry.name, path: path.join(dir, entry.name) });
  }
  files.sort((a, b) => compareVersions(a.version, b.version));
  for (let i = 1; i < files.length; i++) {
    if (BigInt(files[i]!.version) === BigInt(files[i - 1]!.version)) {
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
    const why = code === 'EACCES' ? 'permission denied; fix its permissions' : code === 'ENOENT' ? 'it does not exist' : String(code ?? err);
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
 * Reads and splits one migration. Empty files, syntax errors and stray
 * transaction control are errors: nothing of such a file may run.
 */
export async function loadMigration(file: MigrationFile): Promise<LoadedMigration> {
  await loadParser();
  const text = await readUtf8(file.path, 'migration');
  let statements: Statement[];
  try {
    statements = splitStatements(text, file.file);
  } catch (err) {
    if (err instanceof SqlSyntaxError) throw err;
    throw new DbalignError(`${file.file}: cannot be parsed (${(err as Error).message}); fix the SQL and run again`);
  }
  if (statements.length === 0) {
    throw new DbalignError(`${file.file} has no SQL statements: write its SQL, or delete the file`);
  }
  for (const s of statements) {
    const control = transactionControl(s);
    if (control) {
      throw new DbalignError(
        `${file.file} line ${s.line}: ${control} is not allowed in a migration, since dbalign runs each file in its own transaction; remove it`,
      );
    }
  }
  const loaded: LoadedMigration = { ...file, statements };
  const nonTx = statements.find((s) => s.nonTransactional);
  if (nonTx) loaded.nonTransactional = nonTx.nonTransactional!;
  return loaded;
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
  const clean = name.trim().replace(/\s+/g, '_');
  if (!clean || /[\\/]/.test(clean) || clean.startsWith('.')) {
    throw new DbalignError(`invalid migration name "${name}": use letters, digits, _ and -, as in \`dbalign new create_users\``);
  }
  // A file name holds 255 bytes: the version, '_', the name, '.sql' and the '.tmp' of the durable write.
  if (Buffer.byteLength(clean) > 200) {
    throw new DbalignError(`migration name "${clean.slice(0, 20)}…" is ${Buffer.byteLength(clean)} bytes long: file names hold 255 bytes, so use a name of at most 200`);
  }
  const dir = migrationsDir(workdir);
  await fs.mkdir(dir, { recursive: true });
  let version = timestampVersion(date);
  const existing = new Set((await fs.readdir(dir)).map((f) => FILE_PATTERN.exec(f)?.[1]).filter(Boolean));
  // Two migrations in one second still get distinct versions.
  while (existing.has(version)) version = (BigInt(version) + 1n).toString();
  const file = `${version}_${clean}.sql`;
  const full = path.join(dir, file);
  await writeDurably(full, sql, { exclusive: true });
  return { version, name: clean, file, path: full };
}
