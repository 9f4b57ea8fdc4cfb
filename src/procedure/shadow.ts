/**
 * Shadow databases: throwaway databases built from the migration files, on
 * an embedded server under .dbalign/shadow (or a server given by --shadow),
 * so "what the migrations build" can be read and compared. No Docker.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { readSnapshot, type Scope, type Snapshot } from '../catalog/index.js';
import { connect, ident, type Client } from '../db/connection.js';
import { startEmbedded, type EmbeddedMajor, type EmbeddedServer } from '../db/embedded.js';
import { DbalignError } from '../errors.js';
import type { LoadedMigration } from '../migrations/files.js';
import { ensureStateDir, type Project } from '../migrations/project.js';
import { withDatabase } from './databases.js';
import type { Log } from './log.js';
import { buildFromMigrations, type Profile } from './reset.js';
import { applySupabaseProfile, createSupabaseDatabase } from './supabase-profile.js';
import { standinExtensions } from './standins.js';

export interface Shadow {
  url: string;
  /** Time to get an empty database (server start and CREATE DATABASE), ms. */
  setupMs: number;
  /** Time the migrations took, ms. */
  migrationsMs: number;
  /** Extensions the migrations created that are dbalign stand-ins here. */
  standins: string[];
  dispose(): Promise<void>;
}

export interface ShadowOptions {
  /** A server where dbalign may create and drop databases; default: embedded. */
  shadowUrl?: string;
  major: EmbeddedMajor;
  profile: Profile;
  /** What builds the database instead of the migrations (declarative schema files), and what it is called in errors. */
  build?: { what: string; run(client: Client): Promise<void> };
}

/**
 * The embedded server shadows live on. Started here, it is stopped with the
 * shadow; a command that builds several shadows starts it once itself.
 */
export async function startShadowServer(project: Project, major: EmbeddedMajor): Promise<EmbeddedServer> {
  await ensureStateDir(project);
  return startEmbedded({ dataDir: path.join(project.stateDir, `shadow${major}`), major });
}

/** Builds a shadow database from `migrations`; the caller disposes of it. */
export async function createShadow(
  project: Project,
  migrations: readonly LoadedMigration[],
  options: ShadowOptions,
  log: Log,
): Promise<Shadow> {
  const started = performance.now();
  let serverUrl: string;
  let stopServer = async () => undefined as void;
  if (options.shadowUrl) {
    serverUrl = options.shadowUrl;
  } else {
    const server = await startShadowServer(project, options.major);
    serverUrl = server.url('postgres');
    stopServer = () => server.release();
  }
  const name = `dbalign_shadow_${randomBytes(5).toString('hex')}`;
  const admin = await connect(withDatabase(serverUrl, 'postgres'), 'shadow');
  try {
    // On the embedded server a Supabase shadow is a copy of a template that has the profile.
    if (options.profile === 'supabase' && !options.shadowUrl) {
      await createSupabaseDatabase(admin, name, (db) => connect(withDatabase(serverUrl, db), 'shadow'));
    } else {
      await admin.query(`CREATE DATABASE ${ident(name)}`);
    }
  } catch (err) {
    await stopServer();
    if (err instanceof DbalignError) throw err;
    throw new DbalignError(`cannot create a shadow database: ${(err as Error).message}; the --shadow user needs CREATEDB`, { cause: err });
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  if (options.profile === 'supabase' && options.shadowUrl) {
    // On a --shadow server: the profile on a connection of its own, so its database settings are in force for the migrations'.
    const c = await connect(url, 'shadow');
    try {
      await applySupabaseProfile(c);
    } catch (err) {
      await c.end().catch(() => undefined);
      const drop = await connect(withDatabase(serverUrl, 'postgres'), 'shadow');
      await drop.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`).finally(() => drop.end());
      throw new DbalignError(`the Supabase profile does not apply on the --shadow server: ${(err as Error).message}`, { cause: err });
    }
    await c.end();
  }
  const dispose = async () => {
    const c = await connect(withDatabase(serverUrl, 'postgres'), 'shadow');
    try {
      await c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    } finally {
      await c.end();
      await stopServer();
    }
  };
  const setupMs = performance.now() - started;
  const client = await connect(url, 'shadow');
  const t = performance.now();
  let standins: string[];
  try {
    if (options.build) await options.build.run(client);
    else await buildFromMigrations(client, migrations, [], options.profile, false, log);
    standins = await standinExtensions(client);
  } catch (err) {
    await client.end();
    await dispose();
    if (err instanceof DbalignError) {
      throw new DbalignError(`${options.build?.what ?? 'the migrations'} do not build a database: ${err.message}`, { cause: err });
    }
    throw err;
  }
  await client.end();
  return { url, setupMs, migrationsMs: performance.now() - t, standins, dispose };
}

/** Reads a shadow database's schema, then disposes of it. */
export async function readShadow(shadow: Shadow, scope: Scope): Promise<Snapshot> {
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

/**
 * What the migrations (or declarative files) build, read once and shared: a
 * run over many databases (a fleet) builds each distinct shadow once, not
 * once per database. Keyed by what determines the build; concurrent callers
 * of one key wait for the same build, and a failed build fails them all alike.
 */
export class ShadowSnapshots {
  private readonly built = new Map<string, Promise<unknown>>();
  /** How many shadows were actually built. */
  builds = 0;

  memo<T>(key: string, build: () => Promise<T>): Promise<T> {
    let p = this.built.get(key) as Promise<T> | undefined;
    if (!p) {
      this.builds++;
      p = build();
      // A rejection is handled by every caller; this keeps an unawaited one from being "unhandled".
      p.catch(() => undefined);
      this.built.set(key, p);
    }
    return p;
  }
}

/** A key for what `migrations` build: versions, names, statements and how each file runs. */
export function migrationsKey(migrations: readonly LoadedMigration[]): string {
  const h = createHash('sha256');
  for (const m of migrations) h.update(JSON.stringify([m.version, m.name, m.mode, m.statements.map((s) => s.sql)]));
  return h.digest('hex');
}
