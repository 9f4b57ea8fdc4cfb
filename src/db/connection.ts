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
