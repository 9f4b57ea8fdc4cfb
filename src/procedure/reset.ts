/**
 * `dbalign reset`: rebuild the local database from the migration files and
 * seeds, recording history as a push would.
 */
import { describeUrl, inTransaction, type Client } from '../db/connection.js';
import { listMigrations, loadMigrations, readUtf8, type LoadedMigration } from '../migrations/files.js';
import { ensureHistoryTables, recordSeed } from '../migrations/history.js';
import { seedFiles, type Project, type SeedFile } from '../migrations/project.js';
import { splitStatements, loadParser } from '../migrations/sql.js';
import { applyMigration } from './apply.js';
import { assertNotRemote, openLocal, recreateDatabase, withClient, type LocalDatabase } from './databases.js';
import { DbalignError } from '../errors.js';
import type { Log } from './log.js';
import { applySupabaseProfile } from './supabase-profile.js';

export type Profile = 'supabase' | 'plain';

export interface ResetOptions {
  localUrl?: string;
  profile: Profile;
  seed?: boolean;
  /** Leave the local database open and return it (the caller closes it). */
  keepRunning?: boolean;
  /** The remote, when known: a local database that is the remote is refused. */
  remoteUrl?: string;
  /** Asked before a database given by URL is dropped; false changes nothing. */
  confirmRecreate?: (database: string) => Promise<boolean>;
}

export interface ResetResult {
  applied: string[];
  seeded: string[];
  database: string;
  /** With keepRunning: the rebuilt database, still available. */
  local?: LocalDatabase;
}

interface Seed extends SeedFile {
  statements: string[];
}

async function readSeeds(project: Project): Promise<Seed[]> {
  await loadParser();
  const out: Seed[] = [];
  for (const seed of await seedFiles(project)) {
    const text = await readUtf8(seed.file, 'seed file');
    out.push({ ...seed, statements: splitStatements(text, seed.path).map((s) => s.sql) });
  }
  return out;
}

/**
 * Applies migrations (and seeds) to an empty database. `record` writes the
 * history rows, as on a real database; a shadow database skips them.
 */
export async function buildFromMigrations(
  client: Client,
  migrations: readonly LoadedMigration[],
  seeds: readonly Seed[],
  profile: Profile,
  record: boolean,
  log: Log,
): Promise<void> {
  if (profile === 'supabase') await applySupabaseProfile(client);
  if (record) await inTransaction(client, () => ensureHistoryTables(client));
  for (let i = 0; i < migrations.length; i++) {
    const m = migrations[i]!;
    log.progress('Applying migrations', i, migrations.length);
    await applyMigration(client, m, log, { record, hint: `fix ${m.file} and run again` });
  }
  log.progress('Applying migrations', migrations.length, migrations.length);
  for (const seed of seeds) {
    log.info(`Seeding data from ${seed.path}…`);
    await inTransaction(client, async () => {
      for (const sql of seed.statements) await client.query(sql);
      if (record) await recordSeed(client, { path: seed.path, hash: seed.hash });
    });
  }
}

export async function reset(project: Project, options: ResetOptions, log: Log): Promise<ResetResult> {
  // Everything is read and parsed before the database is touched.
  const list = await listMigrations(project.workdir);
  for (const w of list.warnings) log.warn(w);
  const migrations = await loadMigrations(list.files);
  const seeds = options.seed === false ? [] : await readSeeds(project);

  const local = await openLocal(project, options.localUrl, log);
  try {
    // A database given by URL may hold anything, even be the remote: it is dropped only when it is not, and confirmed.
    if (!local.server) {
      if (options.remoteUrl) {
        await withClient(local.url, 'local', (l) => withClient(options.remoteUrl!, 'remote', (r) => assertNotRemote(l, r, local.url)));
      }
      if (options.confirmRecreate && !(await options.confirmRecreate(describeUrl(local.url)))) {
        throw new DbalignError('reset cancelled: nothing was changed');
      }
    }
    log.info('Resetting the local database…');
    await recreateDatabase(local.url, 'local');
    await withClient(local.url, 'local', (client) => buildFromMigrations(client, migrations, seeds, options.profile, true, log));
    for (const m of migrations) log.info(`Applied ${m.file}`);
    const result: ResetResult = { applied: migrations.map((m) => m.version), seeded: seeds.map((s) => s.path), database: describeUrl(local.url) };
    if (options.keepRunning) result.local = local;
    return result;
  } finally {
    if (!options.keepRunning) await local.close();
  }
}
