/** Connections to PostgreSQL through `pg`, with errors a user can act on. */
import pg from 'pg';
import { DbalignError } from '../errors.js';
import { redact } from './redact.js';

export type Client = pg.Client;

/** Which database a URL is for, as the user named it (for messages). */
export type Role = 'remote' | 'local' | 'shadow' | 'source' | 'target' | string;

const FLAG_OF: Record<string, string> = {
  remote: '--remote (or DBALIGN_REMOTE_URL)',
  local: '--local (or DBALIGN_LOCAL_URL)',
};

/** Checks a connection URL's shape; throws a one-line error naming the flag. */
export function parseUrl(url: string, role: Role): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DbalignError(
      `malformed ${FLAG_OF[role] ?? role} URL: expected postgresql://<user>:<password>@<host>:<port>/<database>`,
    );
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new DbalignError(
      `malformed ${FLAG_OF[role] ?? role} URL: it must start with postgresql://, as in postgresql://<user>:<password>@<host>:5432/postgres`,
    );
  }
  // postgresql:///db?host=/run/postgresql is libpq's form for a Unix socket.
  if (!parsed.hostname && !parsed.searchParams.get('host')) {
    throw new DbalignError(`malformed ${FLAG_OF[role] ?? role} URL: it names no host`);
  }
  return parsed;
}

/** host:port/database of a URL, never its password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname === '/' ? '/postgres' : decodeURIComponent(u.pathname)}`;
  } catch {
    return redact(url);
  }
}

/**
 * Session settings pinned on every connection, as pg_dump pins them: text
 * that dbalign reads (COPY rows, deparsed defaults) and writes back must mean
 * the same thing whatever the server's or the role's DateStyle says.
 */
export const PINNED_SETTINGS = pinnedSettings('SET');

/** The same settings for one transaction: behind a transaction pooler, session settings may be on another backend. */
export const PINNED_SETTINGS_LOCAL = pinnedSettings('SET LOCAL');

function pinnedSettings(set: string): string {
  return `${set} DateStyle = ISO; ${set} IntervalStyle = postgres; ${set} extra_float_digits = 3`;
}

/** How a connection that writes to the remote waits for table locks (see pinWriteSession). */
export interface LockWaits {
  /** lock_timeout of every statement, in milliseconds; 0: wait as long as it takes. */
  timeoutMs: number;
  /** How many times a unit that timed out on a lock runs again. */
  retries: number;
}

/** dbalign's defaults: see the README's Reliability section for why. */
export const DEFAULT_LOCK_WAITS: LockWaits = { timeoutMs: 5000, retries: 3 };

/** SQLSTATE lock_not_available: lock_timeout expired, or a NOWAIT lock was taken. */
export const LOCK_NOT_AVAILABLE = '55P03';

/** Settings a write connection adds to the pinned ones, with its lock waits. */
const writeSessions = new WeakMap<Client, { settings: string; waits: LockWaits }>();

/**
 * Makes `client` a write connection to the remote: no statement waits on a
 * table lock longer than `waits.timeoutMs` (a queued ALTER TABLE blocks every
 * later reader of its table), and, where the server can, a backend whose
 * client is gone (dbalign killed) notices within a second and leaves the lock
 * queue instead of waiting there.
 */
export async function pinWriteSession(client: Client, waits: LockWaits): Promise<void> {
  const settings = [`SET lock_timeout = ${Math.round(waits.timeoutMs)}`];
  await client.query(settings[0]!);
  // PostgreSQL 14+ on platforms with POLLRDHUP; refused elsewhere, which must not stop the run.
  const check = 'SET client_connection_check_interval = 1000';
  if (await client.query(check).then(() => true, () => false)) settings.push(check);
  writeSessions.set(client, { settings: settings.join('; '), waits });
}

/** The settings every file applied on `client` starts from: the pinned ones, and a write connection's own. */
export function sessionSettings(client: Client): string {
  const write = writeSessions.get(client);
  return write ? `${PINNED_SETTINGS}; ${write.settings}` : PINNED_SETTINGS;
}

/** A write connection's lock waits; undefined for local and shadow databases. */
export function lockWaits(client: Client): LockWaits | undefined {
  return writeSessions.get(client)?.waits;
}

export function isLockNotAvailable(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  return e?.code === LOCK_NOT_AVAILABLE || e?.cause?.code === LOCK_NOT_AVAILABLE;
}

/** The pause before retry `attempt` (1-based): the lock timeout, doubled each time, at most a minute. */
export function lockRetryDelayMs(waits: LockWaits, attempt: number): number {
  return Math.min(60_000, waits.timeoutMs * 2 ** (attempt - 1));
}

/**
 * Runs `unit`, and runs it again after a pause when it fails for a lock not
 * obtained within the connection's lock_timeout. `unit` must leave nothing
 * behind when it fails (one transaction, or one statement outside any).
 */
export async function retryLockWaits<T>(
  client: Client,
  unit: () => Promise<T>,
  onRetry: (err: unknown, attempt: number, attempts: number, delayMs: number) => void,
): Promise<T> {
  const waits = lockWaits(client);
  for (let attempt = 1; ; attempt++) {
    try {
      return await unit();
    } catch (err) {
      if (!waits || waits.timeoutMs === 0 || attempt > waits.retries || !isLockNotAvailable(err)) throw err;
      const delay = lockRetryDelayMs(waits, attempt);
      onRetry(err, attempt + 1, waits.retries + 1, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** What the user reads when a lock was still not obtained after every attempt. */
export function lockAdvice(waits: LockWaits): string {
  return `no lock obtained within ${waits.timeoutMs / 1000}s in ${waits.retries + 1} attempt(s): another session holds a lock on the table (find it with pg_stat_activity and pg_blocking_pids), let it finish or end it and run again, or raise --table-lock-timeout or --lock-retries`;
}

/** Opens a connection; failures become one-line errors that say what to do. */
export async function connect(url: string, role: Role): Promise<Client> {
  parseUrl(url, role);
  let client: pg.Client;
  try {
    client = new pg.Client({
      connectionString: url,
      application_name: 'dbalign',
      connectionTimeoutMillis: Number(process.env.DBALIGN_CONNECT_TIMEOUT_MS ?? 15000),
    });
  } catch (err) {
    // The URL's sslrootcert, sslcert and sslkey files are read as the client is made.
    const e = err as NodeJS.ErrnoException & { path?: string };
    if (e.code && e.syscall === 'open') {
      throw new DbalignError(`cannot read ${e.path ?? 'a file'} named in the ${FLAG_OF[role] ?? role} URL (sslrootcert, sslcert or sslkey): ${e.code}; check the path`, { cause: err });
    }
    throw new DbalignError(`malformed ${FLAG_OF[role] ?? role} URL: ${redact(String(e.message))}`, { cause: err });
  }
  // An idle connection the server drops must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(PINNED_SETTINGS);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw connectionError(err, url, role);
  }
  return client;
}

export function connectionError(err: unknown, url: string, role: Role): DbalignError {
  const where = `${role} database ${describeUrl(url)}`;
  const e = err as { code?: string; message?: string };
  const msg = redact(String(e?.message ?? err)).split('\n')[0] ?? '';
  switch (e?.code) {
    case 'ECONNREFUSED':
      return new DbalignError(`cannot reach the ${where}: connection refused; check the host and port, and that the server is running`, { cause: err });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DbalignError(`cannot reach the ${where}: unknown host; check the host name in the URL`, { cause: err });
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new DbalignError(`cannot reach the ${where}: ${e.code}; check the host, port and network`, { cause: err });
    case '28P01':
    case '28000':
      return new DbalignError(`cannot log in to the ${where}: ${msg}; check the user and password in the URL`, { cause: err });
    case '3D000':
      return new DbalignError(`cannot open the ${where}: ${msg}; check the database name in the URL`, { cause: err });
  }
  if (/timeout/i.test(msg)) {
    return new DbalignError(`cannot reach the ${where}: connection timed out; check the host, port and network`, { cause: err });
  }
  return new DbalignError(`cannot connect to the ${where}: ${msg}`, { cause: err });
}

/**
 * The session ended under the statement (the server shut down or crashed, an
 * administrator terminated it, the network dropped): the server rolled back
 * its open transaction, and the statement itself says nothing about the SQL.
 */
export function connectionLost(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (/^(57P0[1-3]|08|ECONNRESET$|EPIPE$)/.test(code)) return true;
  return /^(Connection terminated|Client has encountered a connection error|server closed the connection)/.test(String(e?.message ?? ''));
}

/** Runs `fn` in a transaction; rolls back on any error. */
export async function inTransaction<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Quotes an identifier for SQL, always. */
export function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** Quotes a string literal for SQL. */
export function literal(value: string): string {
  return (value.includes('\\') ? "E'" : "'") + value.replace(/\\/g, '\\\\').replace(/'/g, "''") + "'";
}
