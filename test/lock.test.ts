import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { acquireLock, behindPooler } from '../src/db/lock.js';
import { freePort } from '../src/db/embedded.js';
import { MAJORS, makeProject, runCli, startTestServer, writeMigration, type TestServer } from './helpers/pg.js';

/** PgBouncer's binary, when installed (CI installs it; elsewhere the pooler cases are skipped, saying why). */
function pgbouncerBinary(): string | undefined {
  for (const p of ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer', '/usr/local/bin/pgbouncer']) {
    try {
      execFileSync(p, ['--version'], { stdio: 'ignore' });
      return p;
    } catch {
      // not there
    }
  }
  return undefined;
}
const PGBOUNCER = pgbouncerBinary();
const SKIP = PGBOUNCER ? false : 'PgBouncer is not installed (apt-get install pgbouncer): the transaction-pooler cases need it';

interface Pooler {
  url(database: string): string;
  stop(): Promise<void>;
}

/** PgBouncer in transaction mode in front of the test server, as Supabase's pooler on port 6543 is. */
async function startPgBouncer(srv: TestServer): Promise<Pooler> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-pgbouncer-'));
  await fs.chmod(dir, 0o777);
  const port = await freePort();
  const { user, password } = srv.server;
  await fs.writeFile(path.join(dir, 'users.txt'), `"${user}" "${password}"\n`, { mode: 0o644 });
  await fs.writeFile(
    path.join(dir, 'pgbouncer.ini'),
    `[databases]\n* = host=127.0.0.1 port=${srv.server.port}\n[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = ${port}\nunix_socket_dir =\n` +
      `auth_type = scram-sha-256\nauth_file = ${path.join(dir, 'users.txt')}\npool_mode = transaction\ndefault_pool_size = 3\nmax_client_conn = 100\n` +
      `ignore_startup_parameters = extra_float_digits,options\nlogfile = ${path.join(dir, 'pgbouncer.log')}\n`,
    { mode: 0o644 },
  );
  // PgBouncer will not run as root.
  const args = process.getuid?.() === 0 ? ['-u', process.env.DBALIGN_PG_OS_USER ?? 'postgres', path.join(dir, 'pgbouncer.ini')] : [path.join(dir, 'pgbouncer.ini')];
  const child: ChildProcess = spawn(PGBOUNCER!, args, { stdio: 'ignore' });
  const url = (database: string) => `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  for (let i = 0; ; i++) {
    const c = new pg.Client({ connectionString: url('postgres') });
    try {
      await c.connect();
      await c.end();
      break;
    } catch (err) {
      await c.end().catch(() => undefined);
      if (i > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    async stop() {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

for (const major of MAJORS) {
  describe(`the write lock on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    let pooler: Pooler | undefined;
    before(async () => {
      srv = await startTestServer(major);
      if (!SKIP) pooler = await startPgBouncer(srv);
    });
    after(async () => {
      await pooler?.stop();
      await srv?.stop();
    });

    const dbName = (url: string) => new URL(url).pathname.slice(1);

    test('a direct connection takes the session lock, which dies with the session', async () => {
      const db = await srv.createDatabase('direct');
      const a = new pg.Client({ connectionString: db });
      await a.connect();
      assert.equal(await behindPooler(a), false);
      const lock = await acquireLock(a, 1000);
      assert.equal(lock.kind, 'advisory');
      const b = new pg.Client({ connectionString: db });
      await b.connect();
      await assert.rejects(acquireLock(b, 300), /another dbalign run \(server pid \d+\) is writing to this database/);
      await a.end();
      const again = await acquireLock(b, 2000);
      await again.release();
      await b.end();
    });

    test('behind PgBouncer in transaction mode, runs one after another never find a stale lock', { skip: SKIP }, async () => {
      const db = await srv.createDatabase('pooled');
      const url = pooler!.url(dbName(db));
      const dir = await makeProject();
      for (let i = 1; i <= 6; i++) {
        await writeMigration(dir, `2024010${i}000000_m${i}.sql`, `create table t${i} (id int);`);
        const res = await runCli(['push', '--yes', '--no-backup', '--lock-timeout', '2', '--remote', url], { cwd: dir });
        assert.equal(res.code, 0, `run ${i}: ${res.stderr}`);
      }
      const rows = await srv.query(db, 'select count(*)::int as n from supabase_migrations.schema_migrations');
      assert.equal(rows.rows[0].n, 6);
      assert.equal((await srv.query(db, 'select count(*)::int as n from supabase_migrations.dbalign_lock')).rows[0].n, 0, 'the lease is given back');
      assert.equal((await srv.query(db, `select count(*)::int as n from pg_locks where locktype = 'advisory'`)).rows[0].n, 0, 'no session lock is left on a pooled backend');
    });

    test('behind PgBouncer, two runs at once: one applies, the other waits and finds nothing to do', { skip: SKIP }, async () => {
      const db = await srv.createDatabase('pooled_race');
      const url = pooler!.url(dbName(db));
      const dir = await makeProject();
      await writeMigration(dir, '20240101000000_slow.sql', 'create table slow (id int); select pg_sleep(1.5);');
      const [a, b] = await Promise.all([
        runCli(['push', '--yes', '--no-backup', '--remote', url], { cwd: dir }),
        runCli(['push', '--yes', '--no-backup', '--remote', url], { cwd: dir }),
      ]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      assert.match(a.stderr + b.stderr, /waiting for another dbalign run/);
      const rows = await srv.query(db, 'select version from supabase_migrations.schema_migrations');
      assert.deepEqual(rows.rows, [{ version: '20240101000000' }]);
    });

    test('behind PgBouncer, a lease a killed run left behind is taken over once it expires', { skip: SKIP }, async () => {
      const db = await srv.createDatabase('pooled_killed');
      const url = pooler!.url(dbName(db));
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        assert.equal(await behindPooler(c), true);
        const first = await acquireLock(c, 1000);
        assert.equal(first.kind, 'lease');
        // The run dies without releasing: its lease stays until it expires.
        await srv.query(db, `update supabase_migrations.dbalign_lock set holder = 'killed run', expires_at = clock_timestamp() + interval '1.5 s'`);
        await assert.rejects(acquireLock(c, 300), /another dbalign run is writing to this database and did not finish within 0s/);
        const started = Date.now();
        const second = await acquireLock(c, 5000);
        assert.ok(Date.now() - started >= 500, 'it waited for the lease to expire');
        await second.release();
        await first.release();
      } finally {
        await c.end();
      }
    });
  });
}
