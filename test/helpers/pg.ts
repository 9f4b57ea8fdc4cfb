/**
 * Real PostgreSQL servers for tests: one embedded server per major and test
 * file, a fresh database per test. DBALIGN_TEST_MAJORS picks the majors
 * (default 15,17).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbedded, stopEmbedded, type EmbeddedMajor, type EmbeddedServer } from '../../src/db/embedded.js';

export const MAJORS: EmbeddedMajor[] = (process.env.DBALIGN_TEST_MAJORS ?? '15,17')
  .split(',')
  .map((s) => Number(s.trim()) as EmbeddedMajor);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface TestServer {
  major: EmbeddedMajor;
  server: EmbeddedServer;
  /** A new empty database; returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  query(url: string, sql: string, params?: unknown[]): Promise<pg.QueryResult>;
  stop(): Promise<void>;
}

export async function startTestServer(major: EmbeddedMajor): Promise<TestServer> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `dbalign-test-${major}-`));
  await fs.chmod(root, 0o755);
  const dataDir = path.join(root, 'data');
  const server = await startEmbedded({ dataDir, major });
  let n = 0;
  // One connection creates every database of the file: a connection costs a backend process, which
  // thousands of test databases per run would pay for.
  let admin: Promise<pg.Client> | null = null;
  const adminClient = () =>
    (admin ??= (async () => {
      const c = new pg.Client({ connectionString: server.url('postgres') });
      c.on('error', () => {
        admin = null;
      });
      await c.connect();
      return c;
    })().catch((err) => {
      admin = null;
      throw err;
    }));
  return {
    major,
    server,
    async createDatabase(prefix = 'db') {
      const name = `${prefix}_${process.pid}_${++n}_${randomBytes(3).toString('hex')}`;
      // FILE_COPY: the default WAL_LOG strategy writes the whole template to the WAL, which thousands of
      // test databases per run pay for in time (the servers run with fsync off, so its checkpoints are cheap).
      await (await adminClient()).query(`CREATE DATABASE "${name}" STRATEGY FILE_COPY`);
      return server.url(name);
    },
    query: (url, sql, params) => query(url, sql, params),
    async stop() {
      const c = admin;
      admin = null;
      if (c) await c.then((x) => x.end()).catch(() => undefined);
      await stopEmbedded(dataDir, true);
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}

export async function query(url: string, sql: string, params?: unknown[]): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params as any[]);
  } finally {
    await client.end();
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (dist/) as a user would. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.DBALIGN_REMOTE_URL;
  delete env.DBALIGN_LOCAL_URL;
  Object.assign(env, options.env);
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli', 'main.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return collect(child, options.input ?? '');
}

/** A child process's exit code and whole output; `input` (when its stdin is a pipe) is written and closed. */
export function collect(child: ChildProcess, input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin?.end(input);
  });
}

/** A project folder with the given files (paths relative to it). */
export async function makeProject(files: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-project-'));
  await fs.chmod(dir, 0o755);
  await fs.mkdir(path.join(dir, 'supabase', 'migrations'), { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, content);
  }
  return dir;
}

export async function writeMigration(dir: string, file: string, sql: string): Promise<void> {
  await fs.writeFile(path.join(dir, 'supabase', 'migrations', file), sql);
}
