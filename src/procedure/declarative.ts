/**
 * Declarative schemas: the database the files under supabase/schemas/ (or
 * `[db.migrations] schema_paths`) declare, and the migration that takes the
 * migrations' schema there (what `supabase db diff -f` writes).
 */
import { connect, PINNED_SETTINGS, type Client } from '../db/connection.js';
import type { EmbeddedMajor } from '../db/embedded.js';
import { readSnapshot, type Scope, type Snapshot } from '../catalog/index.js';
import { DbalignError } from '../errors.js';
import { listSchemaFiles, loadSchemaFiles, type SchemaFile } from '../migrations/declarative.js';
import { createMigration, listMigrations, loadMigrations, migrationName, type LoadedMigration } from '../migrations/files.js';
import type { Project } from '../migrations/project.js';
import { failure } from './apply.js';
import type { Log } from './log.js';
import { EXTENSION_HINT, type Profile } from './reset.js';
import { compareSnapshots, type SchemaDifference } from './schema.js';
import { createShadow, startShadowServer } from './shadow.js';
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
  try {
    const client = await connect(shadow.url, 'shadow');
    try {
      return await readSnapshot(client, scope);
    } finally {
      await client.end();
    }
  } finally {
    await shadow.dispose();
  }
}

/** Builds the migrations in a shadow database and reads it. */
export async function snapshotOfMigrations(project: Project, migrations: readonly LoadedMigration[], options: ShadowSource, scope: Scope, log: Log): Promise<Snapshot> {
  const shadow = await createShadow(project, migrations, options, log);
  try {
    const client = await connect(shadow.url, 'shadow');
    try {
      return await readSnapshot(client, scope);
    } finally {
      await client.end();
    }
  } finally {
    await shadow.dispose();
  }
}

export interface SchemasAhead extends SchemaDifference {
  /** The declarative files, relative to the project folder, in the order they ran. */
  schemaFiles: string[];
}

/** What the declarative files declare that the migrations do not build: the migration from one to the other. */
export async function migrationsToSchemas(project: Project, options: ShadowSource & { scope: Scope; migrations?: readonly LoadedMigration[] }, log: Log): Promise<SchemasAhead> {
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
    return { ...compareSnapshots(from, to, { withOwners: options.scope.withOwners }), schemaFiles: files.map((f) => f.file) };
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
}

/** `dbalign new <name> --from-schemas`: writes the migration that takes the migrations' schema to the declared one. */
export async function newFromSchemas(project: Project, name: string, options: ShadowSource & { scope: Scope }, log: Log): Promise<NewFromSchemasResult> {
  migrationName(name);
  const diff = await migrationsToSchemas(project, options, log);
  for (const w of diff.warnings) log.warn(w);
  const result: NewFromSchemasResult = { file: null, version: null, sql: diff.sql, objects: diff.objects, schemaFiles: diff.schemaFiles, warnings: diff.warnings };
  if (!diff.sql) return result;
  const header = `-- Written by dbalign new --from-schemas: takes the schema the migrations build to the one\n-- ${diff.schemaFiles.length} declarative file(s) declare. Review it, hazards above their statements.\n\n`;
  const m = await createMigration(project.workdir, name, header + diff.sql);
  return { ...result, file: `supabase/migrations/${m.file}`, version: m.version };
}
