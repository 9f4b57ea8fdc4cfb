/**
 * `dbalign reset`: rebuild the local database from the migration files and
 * seeds, recording history as a push would.
 */
import { describeUrl, inTransaction, type Client } from '../db/connection.js';
import { listMigrations, loadMigrations, readUtf8, type LoadedMigration } from '../migrations/files.js';
import { ensureHistoryTables } from '../migrations/history.js';
import { seedFiles, type Project, type SeedFile } from '../migrations/project.js';
import { splitStatements, loadParser, type Statement } from '../migrations/sql.js';
import { applyMigration, runSeed } from './apply.js';
import { assertNotRemote, openLocal, recreateDatabase, withClient, type LocalDatabase } from './databases.js';
import { DbalignError } from '../errors.js';
import type { Log } from './log.js';
import { applySupabaseProfile, SUPABASE_SESSION_RESET } from './supabase-profile.js';
import { standinExtensions } from './standins.js';

export type Profile = 'supabase' | 'plain';

/** Shadow and local databases can move to a server that has the extension. */
export const EXTENSION_HINT = 'build on a server that has it with --shadow <url> (diff, pull, check, align) or --local <url> (reset)';

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
  /** Extensions of the rebuilt database that are dbalign stand-ins. */
  standins: string[];
  /** With keepRunning: the rebuilt database, still available. */
  local?: LocalDatabase;
}

interface Seed extends SeedFile {
  statements: Statement[];
}

async function readSeeds(project: Project): Promise<Seed[]> {
  await loadParser();
  const out: Seed[] = [];
  for (const seed of await seedFiles(project)) {
    const text = await readUtf8(seed.file, 'seed file');
    out.push({ ...seed, statements: splitStatements(text, seed.path) });
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
    await applyMigration(client, m, log, { record, hint: `fix ${m.file} and run again`, extensionHint: EXTENSION_HINT });
    // As the Supabase CLI: settings a file makes (a dump's empty search_path) end with it.
    if (profile === 'supabase') await client.query(SUPABASE_SESSION_RESET);
  }
  log.progress('Applying migrations', migrations.length, migrations.length);
  for (const seed of seeds) {
    log.info(`Seeding data from ${seed.path}…`);
    await runSeed(client, { path: seed.path, hash: seed.hash }, seed.statements, record);
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
    // The profile's database settings (search_path) count from the next connection on, so migrations get their own.
    if (options.profile === 'supabase') await withClient(local.url, 'local', (client) => applySupabaseProfile(client));
    const standins = await withClient(local.url, 'local', async (client) => {
      await buildFromMigrations(client, migrations, seeds, options.profile, true, log);
      return standinExtensions(client);
    });
    for (const m of migrations) log.info(`Applied ${m.file}`);
    const result: ResetResult = { applied: migrations.map((m) => m.version), seeded: seeds.map((s) => s.path), database: describeUrl(local.url), standins };
    if (options.keepRunning) result.local = local;
    return result;
  } finally {
    if (!options.keepRunning) await local.close();
  }
}
