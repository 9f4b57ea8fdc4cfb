/**
 * Declarative schemas: the database the files under supabase/schemas/ (or
 * `[db.migrations] schema_paths`) declare, and the migration that takes the
 * migrations' schema there (what `supabase db diff -f` writes).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PINNED_SETTINGS, type Client } from '../db/connection.js';
import { writeDurably } from '../durable.js';
import type { EmbeddedMajor } from '../db/embedded.js';
import { readSnapshot, type Scope, type Snapshot } from '../catalog/index.js';
import { DbalignError } from '../errors.js';
import { listSchemaFiles, loadSchemaFiles, type SchemaFile } from '../migrations/declarative.js';
import { createMigration, listMigrations, loadMigrations, migrationName, type LoadedMigration, type MigrationFile } from '../migrations/files.js';
import { loadProject, type Project } from '../migrations/project.js';
import { failure } from './apply.js';
import type { Log } from './log.js';
import { EXTENSION_HINT, type Profile } from './reset.js';
import { compareSnapshots, scopeFor, type SchemaDifference } from './schema.js';
import { withClient } from './databases.js';
import { compareWithRenames, NO_RENAMES, type RenameOptions, type RenameReport } from './renames.js';
import { majorOf } from './pull.js';
import { createShadow, readShadow, startShadowServer } from './shadow.js';
import { runStatement } from './standins.js';
import { SUPABASE_SESSION_RESET } from './supabase-profile.js';

/**
 * SQLSTATEs of a statement that needs something a later statement creates:
 * a relation, type, schema, function or column, or the unique key a foreign
 * key references. Such a statement is run again after the others.
 */
const NEEDS_SOMETHING_LATER = new Set(['42P01', '42704', '3F000', '42883', '42703', '42830']);

const needsLater = (err: unknown) => NEEDS_SOMETHING_LATER.has(String((err as { code?: string }).code));

interface Waiting {
  file: SchemaFile;
  index: number;
  /** The file's SET statements before it, replayed before it runs again. */
  settings: string[];
  error: unknown;
}

/**
 * Runs the files' statements in order, each on its own, from the same session
 * state per file. Unlike the Supabase CLI, the files need not be ordered by
 * their dependencies: a statement that fails for want of something a later
 * one creates waits, and the waiting ones run again, in order, until a round
 * makes no progress; only a statement that still fails is an error.
 */
export async function buildFromSchemas(client: Client, files: readonly SchemaFile[], profile: Profile, log: Log): Promise<void> {
  const reset = async () => {
    await client.query(`RESET ALL; RESET ROLE; ${PINNED_SETTINGS}`);
    if (profile === 'supabase') await client.query(SUPABASE_SESSION_RESET);
  };
  let waiting: Waiting[] = [];
  for (const [n, file] of files.entries()) {
    log.progress('Applying schema files', n, files.length);
    await reset();
    const settings: string[] = [];
    for (const [i, s] of file.statements.entries()) {
      // Each statement commits on its own: a file's own transaction control has nothing to do.
      if (s.kind === '' || s.transaction) continue;
      try {
        await runStatement(client, s);
      } catch (err) {
        if (!needsLater(err)) throw failure(client, file, i, err, 'it does not wait for a missing object', 'fix it and run again', EXTENSION_HINT);
        waiting.push({ file, index: i, settings: [...settings], error: err });
        continue;
      }
      if (s.kind === 'VariableSetStmt') settings.push(s.sql);
    }
  }
  log.progress('Applying schema files', files.length, files.length);
  while (waiting.length) {
    const still: Waiting[] = [];
    for (const w of waiting) {
      await reset();
      for (const sql of w.settings) await client.query(sql);
      try {
        await runStatement(client, w.file.statements[w.index]!);
      } catch (err) {
        if (!needsLater(err)) throw failure(client, w.file, w.index, err, 'it does not wait for a missing object', 'fix it and run again', EXTENSION_HINT);
        still.push({ ...w, error: err });
      }
    }
    if (still.length === waiting.length) {
      const first = still[0]!;
      const others = still.length - 1;
      throw failure(client, first.file, first.index, first.error, `no schema file creates what it needs${others ? ` (${others} other statement${others > 1 ? 's' : ''} also wait${others > 1 ? '' : 's'})` : ''}`, 'fix it and run again', EXTENSION_HINT);
    }
    waiting = still;
  }
  await reset();
}

/** The declarative files of a project, read and split; a one-line error when there are none. */
export async function readSchemaFiles(project: Project, log: Log): Promise<SchemaFile[]> {
  const list = await listSchemaFiles(project);
  for (const w of list.warnings) log.warn(w);
  if (!list.files.length) {
    throw new DbalignError(
      project.schemaPaths.length
        ? `no declarative schema file matches [db.migrations] schema_paths in supabase/config.toml: fix the patterns (they are relative to supabase/)`
        : 'no declarative schema files: write them under supabase/schemas/, or list them in [db.migrations] schema_paths of supabase/config.toml',
    );
  }
  return loadSchemaFiles(project, list.files);
}

export interface ShadowSource {
  profile: Profile;
  major: EmbeddedMajor;
  shadowUrl?: string;
}

/** Builds the declarative files in a shadow database and reads it. */
export async function snapshotOfSchemas(project: Project, files: readonly SchemaFile[], options: ShadowSource, scope: Scope, log: Log): Promise<Snapshot> {
  const shadow = await createShadow(project, [], {
    ...options,
    build: { what: 'the declarative schema files', run: (c) => buildFromSchemas(c, files, options.profile, log) },
  }, log);
  return readShadow(shadow, scope);
}

/** Builds the migrations in a shadow database and reads it. */
export async function snapshotOfMigrations(project: Project, migrations: readonly LoadedMigration[], options: ShadowSource, scope: Scope, log: Log): Promise<Snapshot> {
  return readShadow(await createShadow(project, migrations, options, log), scope);
}

export interface SchemasAhead extends SchemaDifference {
  /** The declarative files, relative to the project folder, in the order they ran. */
  schemaFiles: string[];
}

/** What the declarative files declare that the migrations do not build: the migration from one to the other. */
export async function migrationsToSchemas(project: Project, options: ShadowSource & { scope: Scope; migrations?: readonly LoadedMigration[]; renames?: RenameOptions }, log: Log): Promise<SchemasAhead & { renames?: RenameReport }> {
  const files = await readSchemaFiles(project, log);
  let migrations = options.migrations;
  if (!migrations) {
    const list = await listMigrations(project.workdir);
    for (const w of list.warnings) log.warn(w);
    migrations = await loadMigrations(list.files);
  }
  // One server start serves both shadows.
  const server = options.shadowUrl ? undefined : await startShadowServer(project, options.major);
  try {
    log.info(`Building the schema of ${migrations.length} migration(s) in a shadow database…`);
    const from = await snapshotOfMigrations(project, migrations, options, options.scope, log);
    log.info(`Building the schema of ${files.length} declarative file(s) in a shadow database…`);
    const to = await snapshotOfSchemas(project, files, options, options.scope, log);
    const diff = options.renames
      ? await compareWithRenames(from, to, { ...options.renames, context: { project, profile: options.profile, major: options.major, shadowUrl: options.shadowUrl } }, log)
      : compareSnapshots(from, to, { withOwners: options.scope.withOwners });
    return { ...diff, schemaFiles: files.map((f) => f.file) };
  } finally {
    await server?.release();
  }
}

export interface NewFromSchemasResult {
  /** The migration written, relative to the project folder; null when there was nothing to write. */
  file: string | null;
  version: string | null;
  sql: string;
  objects: SchemaDifference['objects'];
  schemaFiles: string[];
  warnings: string[];
  renames: RenameReport;
}

/** `dbalign new <name> --from-schemas`: writes the migration that takes the migrations' schema to the declared one. */
export async function newFromSchemas(project: Project, name: string, options: ShadowSource & { scope: Scope; renames?: RenameOptions }, log: Log): Promise<NewFromSchemasResult> {
  migrationName(name);
  const diff = await migrationsToSchemas(project, { ...options, renames: options.renames ?? NO_RENAMES }, log);
  for (const w of diff.warnings) log.warn(w);
  const result: NewFromSchemasResult = { file: null, version: null, sql: diff.sql, objects: diff.objects, schemaFiles: diff.schemaFiles, warnings: diff.warnings, renames: diff.renames! };
  if (!diff.sql) return result;
  const m = await writeSchemasMigration(project, name, diff, 'dbalign new --from-schemas');
  return { ...result, file: `supabase/migrations/${m.file}`, version: m.version };
}

/** The migration file that catches the migrations up with the declarative files. */
export function writeSchemasMigration(project: Project, name: string, diff: { sql: string; schemaFiles: readonly string[] }, by: string): Promise<MigrationFile> {
  const header = `-- Written by ${by}: takes the schema the migrations build to the one\n-- ${diff.schemaFiles.length} declarative file(s) declare. Review it, hazards above their statements.\n\n`;
  return createMigration(project.workdir, name, header + diff.sql);
}

/** One file of a declarative export: its path under the folder, and its SQL in plan order. */
export interface DeclarativeFile {
  path: string;
  sql: string;
}

/** A file-name part for an object name: what a file system and a reader both take. */
function fileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_');
  return safe === name ? name : `${safe.slice(0, 80)}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

/**
 * The file an object's statements go to: each table with its indexes,
 * constraints, triggers, rules, grants, comments, owned sequences and
 * partitions; each view, function name (its overloads together), type and
 * free sequence in a file of its own; each schema's foreign keys and its
 * policies in one file each, after its tables, since they read other tables:
 * so the files also run one after another, as the Supabase CLI runs them.
 */
function homeOf(key: string, snapshot: Snapshot): string {
  const obj = snapshot.objects[key];
  const dir = (schema: string) => fileName(schema);
  if (!obj) return 'default_privileges.sql';
  switch (obj.kind) {
    case 'schema':
      return `${dir(obj.name)}/schema.sql`;
    case 'extension':
      return 'extensions.sql';
    case 'collation':
    case 'type':
      return `${dir(obj.schema)}/types/${fileName(obj.name)}.sql`;
    case 'sequence':
      return obj.ownedBy && snapshot.objects[obj.ownedBy.table] ? homeOf(obj.ownedBy.table, snapshot) : `${dir(obj.schema)}/sequences/${fileName(obj.name)}.sql`;
    case 'table':
      return obj.partitionOf && snapshot.objects[obj.partitionOf] ? homeOf(obj.partitionOf, snapshot) : `${dir(obj.schema)}/tables/${fileName(obj.name)}.sql`;
    case 'constraint':
      if (obj.type === 'f') return `${dir(obj.schema)}/foreign_keys.sql`;
      return snapshot.objects[obj.table] ? homeOf(obj.table, snapshot) : `${dir(obj.schema)}/constraints.sql`;
    case 'policy':
      // Policies read other tables; together, after the tables, they are also where a reviewer looks for RLS.
      return `${dir(obj.schema)}/policies.sql`;
    case 'index':
    case 'trigger':
    case 'rule':
      return snapshot.objects[obj.table] ? homeOf(obj.table, snapshot) : `${dir(obj.schema)}/${obj.kind}s.sql`;
    case 'view':
    case 'matview':
      return `${dir(obj.schema)}/views/${fileName(obj.name)}.sql`;
    case 'function':
      return `${dir(obj.schema)}/functions/${fileName(obj.name)}.sql`;
    case 'event_trigger':
      return 'event_triggers.sql';
    case 'publication':
      return 'publications.sql';
    case 'default_acl':
      return obj.schema ? `${dir(obj.schema)}/schema.sql` : 'default_privileges.sql';
    case 'foreign_data_wrapper':
    case 'server':
    case 'user_mapping':
      return 'foreign_servers.sql';
    case 'subscription':
      return 'subscriptions.sql';
    case 'operator':
    case 'operator_family':
    case 'operator_class':
      return `${dir(obj.schema)}/operators.sql`;
    case 'cast':
      return 'casts.sql';
    case 'text_search_parser':
    case 'text_search_template':
    case 'text_search_dictionary':
    case 'text_search_configuration':
      return `${dir(obj.schema)}/text_search/${fileName(obj.name)}.sql`;
    case 'statistics':
      return snapshot.objects[obj.table] ? homeOf(obj.table, snapshot) : `${dir(obj.schema)}/statistics.sql`;
    case 'conversion':
      return `${dir(obj.schema)}/conversions.sql`;
    case 'language':
      return 'languages.sql';
    case 'access_method':
      return 'access_methods.sql';
    case 'transform':
      return 'transforms.sql';
  }
}

/**
 * The SQL that takes `baseline` (an empty database with the platform, where
 * the files will run) to `snapshot`, cut into files by object, each in plan
 * order; the files in the order they first appear.
 */
export function declarativeFiles(baseline: Snapshot, snapshot: Snapshot): { files: DeclarativeFile[]; cycles: string[][] } {
  const plan = compareSnapshots(baseline, snapshot, { withOwners: snapshot.scope.withOwners }).plan;
  const files = new Map<string, string[]>();
  // Which files each file needs first: the homes of what its objects depend on.
  const needs = new Map<string, Set<string>>();
  for (const step of plan.steps) {
    const home = homeOf(step.key, snapshot);
    const lines = files.get(home) ?? (files.set(home, []), needs.set(home, new Set()), files.get(home)!);
    // Function bodies are checked when created: a file of functions says not to, as the plan does.
    if (step.kind === 'function' && plan.settings.length && !lines.includes(plan.settings[0]!)) lines.unshift(...plan.settings);
    for (const h of step.hazards) if (h.type !== 'access_exclusive_lock') lines.push(`-- hazard: ${h.type.replace(/_/g, ' ')}: ${h.detail}`);
    lines.push(step.sql);
    for (const dep of snapshot.objects[step.key]?.deps ?? []) {
      if (!snapshot.objects[dep] || baseline.objects[dep]) continue;
      const from = homeOf(dep, snapshot);
      if (from !== home) needs.get(home)!.add(from);
    }
  }
  // Files in an order that runs one after another (what the Supabase CLI does), earliest first among the ready.
  const order: string[] = [];
  const cycles: string[][] = [];
  const pending = [...files.keys()];
  const placed = new Set<string>();
  while (pending.length) {
    const ready = pending.findIndex((f) => [...needs.get(f)!].every((n) => placed.has(n) || !files.has(n)));
    if (ready >= 0) {
      placed.add(pending[ready]!);
      order.push(...pending.splice(ready, 1));
      continue;
    }
    // Files that need each other: dbalign builds them in any order, the CLI cannot.
    const stuck = pending.shift()!;
    cycles.push([stuck, ...[...needs.get(stuck)!].filter((n) => !placed.has(n))]);
    placed.add(stuck);
    order.push(stuck);
  }
  return { files: order.map((p) => ({ path: p, sql: files.get(p)!.join('\n') + '\n' })), cycles };
}

export interface PullDeclarativeResult {
  /** The folder written, relative to the project folder. */
  dir: string;
  files: string[];
  /** config.toml's [db.migrations] schema_paths now lists the files in this order. */
  schemaPaths: string[] | null;
  /** Building the files again gives the remote's schema (checked in a shadow database). */
  verified: boolean;
  differences: SchemaDifference['objects'];
  warnings: string[];
}

/**
 * `dbalign pull --declarative`: the remote's schema as declarative files, so a
 * project can adopt the declarative workflow. The folder is replaced (after a
 * confirmation when it holds files); with supabase/config.toml, its
 * `schema_paths` is set to the files in an order that runs one after another.
 * The files are then built in a shadow database and compared with the remote.
 */
export async function pullDeclarative(
  project: Project,
  options: { remoteUrl: string; profile: Profile; shadowUrl?: string; dir: string; confirm: (question: string) => Promise<boolean> },
  log: Log,
): Promise<PullDeclarativeResult> {
  const scope = scopeFor(options.profile);
  log.info('Reading the remote schema…');
  const { remote, major } = await withClient(options.remoteUrl, 'remote', async (c) => ({ remote: await readSnapshot(c, scope), major: await majorOf(c, project.major) }));
  const root = path.resolve(project.workdir, options.dir);
  const relDir = path.relative(project.workdir, root).split(path.sep).join('/');
  if (relDir.startsWith('..') || path.isAbsolute(relDir) || relDir === '') {
    throw new DbalignError(`--dir ${options.dir} is outside the project folder: give a folder inside it, such as supabase/schemas`);
  }
  // What the files add to: an empty shadow database with the platform, as the CLI's baseline catalog.
  const shadowOptions = { profile: options.profile, major, shadowUrl: options.shadowUrl };
  const server = options.shadowUrl ? undefined : await startShadowServer(project, major);
  try {
    return await writeAndCheck();
  } finally {
    await server?.release();
  }
  async function writeAndCheck(): Promise<PullDeclarativeResult> {
  const baseline = await snapshotOfMigrations(project, [], shadowOptions, scope, log);
  const { files, cycles } = declarativeFiles(baseline, remote);
  const cycleWarnings = cycles.map((c) => `${c[0]} and ${c.slice(1).join(', ')} need each other: dbalign builds them in any order, but the Supabase CLI, which runs the files one after another, would stop at one of them; move the statement that needs the other file into it`);
  for (const w of cycleWarnings) log.warn(w);
  const existing = await fs.readdir(root).catch(() => [] as string[]);
  if (existing.length && !(await options.confirm(`Replace the ${existing.length} entr${existing.length === 1 ? 'y' : 'ies'} in ${relDir}/ with the remote's schema?`))) {
    throw new DbalignError(`pull --declarative cancelled: ${relDir}/ was left as it was`);
  }
  await fs.rm(root, { recursive: true, force: true });
  for (const f of files) {
    const full = path.join(root, f.path);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await writeDurably(full, f.sql);
  }
  log.info(`Wrote ${files.length} declarative file(s) to ${relDir}/`);
  let schemaPaths: string[] | null = null;
  if (project.isSupabase) {
    const fromSupabase = path.relative(project.supabaseDir, root).split(path.sep).join('/');
    schemaPaths = files.map((f) => `./${fromSupabase}/${f.path}`);
    await setSchemaPaths(path.join(project.supabaseDir, 'config.toml'), schemaPaths);
    log.info(`supabase/config.toml: [db.migrations] schema_paths lists them in the order they run`);
  }
  // Built again, the files must give the remote's schema.
  const reloaded = await loadProject(project.workdir);
  log.info('Building the files in a shadow database to check them…');
  const built = await snapshotOfSchemas(reloaded, await readSchemaFilesFrom(reloaded, root, log), shadowOptions, scope, log);
  const check = compareSnapshots(built, remote);
  if (check.objects.length) log.warn(`built again, the files differ from the remote in ${check.objects.length} object(s): ${check.objects.slice(0, 5).map((o) => `${o.op} ${o.key}`).join(', ')}`);
  return { dir: relDir, files: files.map((f) => `${relDir}/${f.path}`), schemaPaths, verified: check.objects.length === 0, differences: check.objects, warnings: [...cycleWarnings, ...check.warnings] };
  }
}

/** The files under `root` when it is not where the project's settings look. */
async function readSchemaFilesFrom(project: Project, root: string, log: Log): Promise<SchemaFile[]> {
  const list = await listSchemaFiles(project);
  const inside = list.files.filter((f) => f.startsWith(root + path.sep));
  if (inside.length) {
    for (const w of list.warnings) log.warn(w);
    return loadSchemaFiles(project, inside);
  }
  return loadSchemaFiles(project, await listSchemaFiles({ ...project, schemaPaths: [path.relative(project.supabaseDir, root)] }).then((l) => l.files));
}

/** Sets `[db.migrations] schema_paths` in config.toml, keeping everything else as written. */
async function setSchemaPaths(configPath: string, paths: string[]): Promise<void> {
  const text = await fs.readFile(configPath, 'utf8');
  const value = `schema_paths = [\n${paths.map((p) => `  ${JSON.stringify(p)},`).join('\n')}\n]`;
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^\s*\[db\.migrations\]\s*(#.*)?$/.test(l));
  let out: string;
  if (header < 0) {
    out = `${text.replace(/\n*$/, '\n')}\n[db.migrations]\n${value}\n`;
  } else {
    // The section ends at the next table header.
    let end = lines.findIndex((l, i) => i > header && /^\s*\[/.test(l));
    if (end < 0) end = lines.length;
    const body = lines.slice(header + 1, end).join('\n');
    const existing = /^schema_paths\s*=\s*\[[\s\S]*?\]\s*$/m;
    const next = existing.test(body) ? body.replace(existing, value) : `${value}\n${body}`;
    out = [...lines.slice(0, header + 1), next, ...lines.slice(end)].join('\n');
  }
  const { parse } = await import('smol-toml');
  parse(out);
  await writeDurably(configPath, out);
}
