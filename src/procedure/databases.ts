/**
 * The databases a command works on: the remote (production), the local
 * database (embedded unless a URL is given) and throwaway databases.
 */
import path from 'node:path';
import { connect, describeUrl, ident, parseUrl, type Client } from '../db/connection.js';
import { startEmbedded, type EmbeddedServer } from '../db/embedded.js';
import { DbalignError } from '../errors.js';
import { ensureStateDir, type Project } from '../migrations/project.js';
import type { Log } from './log.js';

export function remoteUrl(given: string | undefined): string {
  const url = given ?? process.env.DBALIGN_REMOTE_URL;
  if (!url) {
    throw new DbalignError('no remote database given: pass --remote <postgresql://…> or set DBALIGN_REMOTE_URL');
  }
  parseUrl(url, 'remote');
  return url;
}

export interface LocalDatabase {
  url: string;
  /** The embedded server, when dbalign runs the local database itself. */
  server?: EmbeddedServer;
  close(): Promise<void>;
}

export function localDataDir(project: Project): string {
  return path.join(project.stateDir, 'local');
}

/**
 * The local database: `--local <url>` (or DBALIGN_LOCAL_URL), else the
 * embedded server under .dbalign/, started on demand. A server started here
 * is stopped by close() unless another run still uses it; one started by
 * `dbalign start` keeps running.
 */
export async function openLocal(project: Project, given: string | undefined, log: Log): Promise<LocalDatabase> {
  const url = given ?? process.env.DBALIGN_LOCAL_URL;
  if (url) {
    parseUrl(url, 'local');
    return { url, close: async () => undefined };
  }
  await ensureStateDir(project);
  const server = await startEmbedded({ dataDir: localDataDir(project), major: project.major, durable: true });
  if (server.startedHere) log.info(`started the local database (embedded PostgreSQL ${server.major}) on port ${server.port}`);
  return {
    url: server.url('postgres'),
    server,
    close: () => server.release(),
  };
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

export function databaseOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  return name || 'postgres';
}

/**
 * Drops and recreates the database of `url`, connected through another
 * database of the same server: `postgres`, never template1, since a session
 * on template1 makes every other CREATE DATABASE on the server fail.
 */
export async function recreateDatabase(url: string, role: string): Promise<void> {
  const name = databaseOf(url);
  const maintenance = withDatabase(url, name === 'postgres' ? 'template1' : 'postgres');
  const client = await connect(maintenance, role);
  try {
    await client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${ident(name)}`);
  } catch (err) {
    throw new DbalignError(
      `cannot recreate the ${role} database ${describeUrl(url)}: ${(err as Error).message}; the user needs CREATEDB and to own it`,
      { cause: err },
    );
  } finally {
    await client.end();
  }
}

const IDENTITY = `SELECT pg_postmaster_start_time()::text || ' ' || current_setting('port') || ' ' || current_database() AS id`;

/** Which server instance and database a connection reaches, whatever host name or pooler led there. */
export async function databaseIdentity(client: Client): Promise<string> {
  return (await client.query<{ id: string }>(IDENTITY)).rows[0]!.id;
}

/**
 * Refuses a local database that is the remote: commands drop and recreate
 * the local one. Compared by what the servers say, not by the URLs' text.
 */
export async function assertNotRemote(local: Client, remote: Client, localUrl: string): Promise<void> {
  const [a, b] = await Promise.all([databaseIdentity(local), databaseIdentity(remote)]);
  if (a === b) {
    throw new DbalignError(
      `the local database ${describeUrl(localUrl)} is the remote database: dbalign drops and recreates the local database, so it never runs on the remote; pass --local a database of its own, or leave --local out to use the embedded one`,
    );
  }
}

export async function withClient<T>(url: string, role: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = await connect(url, role);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
