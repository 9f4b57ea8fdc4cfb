/**
 * A session-level advisory lock on the remote around every write, so two
 * dbalign runs never interleave. The lock dies with the session, so a killed
 * run never leaves it behind.
 */
import type { Client } from './connection.js';
import { DbalignError } from '../errors.js';

// Two int4 keys: 'dbal' and 1, shown in pg_locks as classid/objid.
const CLASS_ID = 0x6462616c;
const OBJ_ID = 1;

export interface Lock {
  release(): Promise<void>;
}

/**
 * Takes the lock, waiting up to `timeoutMs` for another run to finish;
 * `onWait` is told once when it has to wait.
 */
export async function acquireLock(client: Client, timeoutMs: number, onWait?: (holderPid: number | null) => void): Promise<Lock> {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    const res = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::int, $2::int) AS ok', [CLASS_ID, OBJ_ID]);
    if (res.rows[0]!.ok) break;
    const holder = await lockHolder(client);
    if (!told) {
      onWait?.(holder);
      told = true;
    }
    if (Date.now() >= deadline) {
      throw new DbalignError(
        `another dbalign run${holder ? ` (server pid ${holder})` : ''} is writing to this database and did not finish within ${Math.round(timeoutMs / 1000)}s: wait for it, or raise --lock-timeout`,
      );
    }
    await new Promise((r) => setTimeout(r, Math.min(500, Math.max(50, deadline - Date.now()))));
  }
  return {
    release: async () => {
      await client.query('SELECT pg_advisory_unlock($1::int, $2::int)', [CLASS_ID, OBJ_ID]).catch(() => undefined);
    },
  };
}

async function lockHolder(client: Client): Promise<number | null> {
  const res = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::int::oid AND objid = $2::int::oid AND granted LIMIT 1`,
    [CLASS_ID, OBJ_ID],
  );
  return res.rows[0]?.pid ?? null;
}
