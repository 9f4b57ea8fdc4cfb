/**
 * The lock every write to the remote holds, so two dbalign runs never
 * interleave. On a direct connection it is a session-level advisory lock,
 * which dies with the session, so a killed run never leaves it behind.
 * Behind a connection pooler (PgBouncer or Supavisor in transaction mode,
 * Supabase's port 6543) a session lock stays with a pooled backend after
 * the run: there the lock is a lease row, renewed over a connection of its
 * own while the run lasts, which a killed run's successor takes over once
 * it expires.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import type { Client } from './connection.js';
import { DbalignError } from '../errors.js';

// Two int4 keys: 'dbal' and 1, shown in pg_locks as classid/objid.
const CLASS_ID = 0x6462616c;
const OBJ_ID = 1;

/** How long a lease lasts unless renewed, and how often it is renewed. */
export const LEASE_SECONDS = 30;
const RENEW_MS = 10_000;

export interface Lock {
  /** 'advisory' on a direct connection, 'lease' behind a pooler. */
  readonly kind: 'advisory' | 'lease';
  release(): Promise<void>;
}

/**
 * Takes the lock, waiting up to `timeoutMs` for another run to finish;
 * `onWait` is told once when it has to wait.
 */
export async function acquireLock(client: Client, timeoutMs: number, onWait?: (holderPid: number | null) => void): Promise<Lock> {
  return (await behindPooler(client)) ? acquireLease(client, timeoutMs, onWait) : acquireAdvisory(client, timeoutMs, onWait);
}

/**
 * A pooler (or any proxy) answers on another port than the server's own:
 * the backend's `inet_server_port()` differs from the port dbalign dialled.
 */
export async function behindPooler(client: Client): Promise<boolean> {
  const res = await client.query<{ port: number | null }>('SELECT inet_server_port() AS port');
  const port = res.rows[0]!.port;
  const dialled = Number((client as unknown as { connectionParameters: { port: number } }).connectionParameters.port);
  return port !== null && port !== dialled;
}

async function waitLoop(timeoutMs: number, tryOnce: () => Promise<boolean>, holder: () => Promise<number | null>, onWait?: (holderPid: number | null) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    if (await tryOnce()) return;
    const pid = await holder();
    if (!told) {
      onWait?.(pid);
      told = true;
    }
    if (Date.now() >= deadline) {
      throw new DbalignError(
        `another dbalign run${pid ? ` (server pid ${pid})` : ''} is writing to this database and did not finish within ${Math.round(timeoutMs / 1000)}s: wait for it, or raise --lock-timeout`,
      );
    }
    await new Promise((r) => setTimeout(r, Math.min(500, Math.max(50, deadline - Date.now()))));
  }
}

async function acquireAdvisory(client: Client, timeoutMs: number, onWait?: (holderPid: number | null) => void): Promise<Lock> {
  await waitLoop(
    timeoutMs,
    async () => (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::int, $2::int) AS ok', [CLASS_ID, OBJ_ID])).rows[0]!.ok,
    async () => {
      const res = await client.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::int::oid AND objid = $2::int::oid AND granted LIMIT 1`,
        [CLASS_ID, OBJ_ID],
      );
      return res.rows[0]?.pid ?? null;
    },
    onWait,
  );
  return {
    kind: 'advisory',
    release: async () => {
      await client.query('SELECT pg_advisory_unlock($1::int, $2::int)', [CLASS_ID, OBJ_ID]).catch(() => undefined);
    },
  };
}

const LEASE_TABLE = 'supabase_migrations.dbalign_lock';

const CREATE_LEASE_TABLE = `
CREATE SCHEMA IF NOT EXISTS supabase_migrations;
CREATE TABLE IF NOT EXISTS ${LEASE_TABLE} (
  id int PRIMARY KEY CHECK (id = 1),
  holder text NOT NULL,
  client text,
  expires_at timestamptz NOT NULL
)`;

/** The row is taken only when free or expired; ON CONFLICT serialises two runs on it. */
const TAKE_LEASE = `
INSERT INTO ${LEASE_TABLE} AS l (id, holder, client, expires_at)
VALUES (1, $1, $2, clock_timestamp() + make_interval(secs => $3))
ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, client = excluded.client, expires_at = excluded.expires_at
 WHERE l.expires_at < clock_timestamp() OR l.holder = excluded.holder
RETURNING holder`;

async function acquireLease(client: Client, timeoutMs: number, onWait?: (holderPid: number | null) => void): Promise<Lock> {
  const holder = randomBytes(12).toString('hex');
  const who = `${os.hostname()} pid ${process.pid}`;
  try {
    // Two first runs at once race on IF NOT EXISTS: the loser tries once more and finds the table.
    await client.query(CREATE_LEASE_TABLE).catch((err: { code?: string }) => {
      if (err.code === '23505' || err.code === '42P07' || err.code === '42P06') return client.query(CREATE_LEASE_TABLE);
      throw err;
    });
  } catch (err) {
    throw new DbalignError(`cannot create the lock table ${LEASE_TABLE} (needed behind a connection pooler): ${(err as Error).message}; connect as the database owner, or use the direct connection URL`, { cause: err });
  }
  // Renewed over a connection of its own: a long statement on the run's connection must not let the lease lapse.
  // The password is not an enumerable property of pg's parameters: each field is named.
  const p = (client as unknown as { connectionParameters: pg.ClientConfig }).connectionParameters;
  const renewer = new pg.Client({ user: p.user, password: p.password, host: p.host, port: p.port, database: p.database, ssl: p.ssl, application_name: 'dbalign lock' });
  renewer.on('error', () => undefined);
  await renewer.connect();
  try {
    await waitLoop(timeoutMs, async () => (await client.query(TAKE_LEASE, [holder, who, LEASE_SECONDS])).rowCount === 1, async () => null, onWait);
  } catch (err) {
    await renewer.end().catch(() => undefined);
    throw err;
  }
  const renew = `UPDATE ${LEASE_TABLE} SET expires_at = clock_timestamp() + make_interval(secs => $2) WHERE id = 1 AND holder = $1`;
  const timer = setInterval(() => void renewer.query(renew, [holder, LEASE_SECONDS]).catch(() => undefined), RENEW_MS);
  timer.unref();
  return {
    kind: 'lease',
    release: async () => {
      clearInterval(timer);
      await client.query(`DELETE FROM ${LEASE_TABLE} WHERE id = 1 AND holder = $1`, [holder]).catch(() => undefined);
      await renewer.end().catch(() => undefined);
    },
  };
}

// 'dbat': one advisory lock per tenant schema, keyed by hashtext(schema), so tenants of one database are written at once.
const TENANT_CLASS_ID = 0x64626174;

/**
 * The lock of one tenant schema: two runs never write the same schema at
 * once, while different schemas of a database are written concurrently.
 * Behind a pooler, where session locks stay with pooled backends, it is the
 * database's lease: tenants are then written one at a time.
 */
export async function acquireSchemaLock(client: Client, schema: string, timeoutMs: number, onWait?: (holderPid: number | null) => void): Promise<Lock> {
  if (await behindPooler(client)) return acquireLease(client, timeoutMs, onWait);
  await waitLoop(
    timeoutMs,
    async () => (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS ok', [TENANT_CLASS_ID, schema])).rows[0]!.ok,
    async () => {
      const res = await client.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::int::oid AND objid = hashtext($2)::oid AND objsubid = 2 AND granted LIMIT 1`,
        [TENANT_CLASS_ID, schema],
      );
      return res.rows[0]?.pid ?? null;
    },
    onWait,
  );
  return {
    kind: 'advisory',
    release: async () => {
      await client.query('SELECT pg_advisory_unlock($1::int, hashtext($2))', [TENANT_CLASS_ID, schema]).catch(() => undefined);
    },
  };
}
