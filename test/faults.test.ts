/**
 * Reliability: the remote connection cut, dbalign killed, the server
 * restarted in the middle of a write. Afterwards nothing is half applied, the
 * history matches what was applied, and rerunning finishes the work.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmbedded, stopEmbedded } from '../src/db/embedded.js';
import { MAJORS, ROOT, makeProject, query, runCli, startTestServer, type TestServer } from './helpers/pg.js';

const FILES = {
  'supabase/migrations/20240101000000_first.sql': 'create table first (id int);',
  'supabase/migrations/20240102000000_slow.sql': 'create table slow (id int);\nselect pg_sleep(3);\ninsert into slow values (1);',
  'supabase/migrations/20240103000000_third.sql': 'create table third (id int);',
};

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 15000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The pid of dbalign's backend while it runs pg_sleep. */
function sleepingBackend(url: string): Promise<number> {
  return waitFor('dbalign to reach pg_sleep', async () => {
    const r = await query(url, `select pid from pg_stat_activity where application_name = 'dbalign' and query like '%pg_sleep%' and state = 'active'`);
    return r.rows[0]?.pid as number | undefined;
  });
}

function startCli(args: string[], cwd: string) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli', 'main.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done };
}

async function state(url: string) {
  const tables = await query(url, `select array_agg(relname::text order by relname) as t from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'`);
  const history = await query(url, `select array_agg(version order by version) as v from supabase_migrations.schema_migrations`);
  return { tables: tables.rows[0].t ?? [], history: history.rows[0].v ?? [] };
}

for (const major of MAJORS) {
  describe(`faults on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    test('the remote connection cut mid-push: the file rolls back, a rerun completes', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject(FILES);
      const run = startCli(['push', '--yes', '--no-backup', '--remote', remote], dir);
      const pid = await sleepingBackend(remote);
      await query(remote, 'select pg_terminate_backend($1)', [pid]);
      const res = await run.done;
      assert.equal(res.code, 1);
      // The file is not at fault: no "fix <file>", but what happened to it and to run again.
      const errors = res.stderr.split('\n').filter((l) => l.startsWith('error: '));
      assert.deepEqual(errors.length, 1, res.stderr);
      assert.match(
        errors[0]!,
        /^error: the connection to the database was lost while 20240102000000_slow\.sql ran statement 2 \(line 2\): terminating connection due to administrator command; the file was rolled back and is not recorded; earlier migrations stay applied and recorded; check that the server is up and run `dbalign push` again$/,
      );
      assert.doesNotMatch(res.stderr, /fix 20240102000000_slow|unexpected|\n\s+at /);
      assert.deepEqual(await state(remote), { tables: ['first'], history: ['20240101000000'] });
      const again = await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir });
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual(await state(remote), { tables: ['first', 'slow', 'third'], history: ['20240101000000', '20240102000000', '20240103000000'] });
    });

    test('dbalign killed with SIGKILL mid-push: nothing half applied, a rerun completes', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject(FILES);
      const run = startCli(['push', '--yes', '--no-backup', '--remote', remote], dir);
      await sleepingBackend(remote);
      run.child.kill('SIGKILL');
      assert.equal((await run.done).signal, 'SIGKILL');
      // The orphaned backend finishes its sleep, finds its client gone and rolls back.
      await waitFor('the orphaned session to end', async () => {
        const r = await query(remote, `select count(*)::int as n from pg_stat_activity where application_name = 'dbalign'`);
        return r.rows[0].n === 0 ? true : undefined;
      });
      assert.deepEqual(await state(remote), { tables: ['first'], history: ['20240101000000'] });
      const again = await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir });
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual((await state(remote)).history, ['20240101000000', '20240102000000', '20240103000000']);
    });

    test('dbalign killed with SIGKILL mid-backup: the partial folder is never taken for a backup', async () => {
      const remote = await srv.createDatabase();
      await query(remote, `create table big (id bigint, payload text); insert into big select n, repeat(md5(n::text), 8) from generate_series(1, 400000) n;`);
      const dir = await makeProject();
      const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-killed-')), 'backup');
      const run = startCli(['backup', '--remote', remote, '--out', out], dir);
      await waitFor('the backup to start writing data', async () => ((await fs.readdir(path.join(out, 'data'))).length > 0 ? true : undefined));
      run.child.kill('SIGKILL');
      await run.done;
      await assert.rejects(fs.stat(path.join(out, 'manifest.json')), /ENOENT/);
      const target = await srv.createDatabase('target');
      const res = await runCli(['restore', out, '--to', target], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /holds no complete backup/);
      const fresh = `${out}-2`;
      const again = await runCli(['backup', '--json', '--remote', remote, '--out', fresh], { cwd: dir });
      assert.equal(again.code, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout).rows, 400000);
    });

    test('the server restarted mid-push: the file rolls back, a rerun completes', async () => {
      const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-restart-'));
      await fs.chmod(root, 0o755);
      const dataDir = path.join(root, 'data');
      let server = await startEmbedded({ dataDir, major });
      try {
        const dir = await makeProject(FILES);
        const run = startCli(['push', '--yes', '--no-backup', '--remote', server.url()], dir);
        await sleepingBackend(server.url());
        await stopEmbedded(dataDir);
        const res = await run.done;
        assert.equal(res.code, 1);
        assert.match(res.stderr, /^error: the connection to the database was lost while 20240102000000_slow\.sql ran statement 2 .*the file was rolled back and is not recorded.*run `dbalign push` again$/m);
        assert.doesNotMatch(res.stderr, /fix 20240102000000_slow|unexpected/);
        server = await startEmbedded({ dataDir, major });
        assert.deepEqual(await state(server.url()), { tables: ['first'], history: ['20240101000000'] });
        const again = await runCli(['push', '--yes', '--no-backup', '--remote', server.url()], { cwd: dir });
        assert.equal(again.code, 0, again.stderr);
        assert.deepEqual((await state(server.url())).history, ['20240101000000', '20240102000000', '20240103000000']);
      } finally {
        await stopEmbedded(dataDir, true);
        await fs.rm(root, { recursive: true, force: true });
      }
    });

    test('two align runs at once: one proceeds, the other waits; nothing is applied twice', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject(FILES);
      const flags = ['align', '--yes', '--no-backup', '--json', '--remote', remote, '--local', await srv.createDatabase('local'), '--shadow', srv.server.url()];
      const [a, b] = await Promise.all([runCli(flags, { cwd: dir }), runCli(flags, { cwd: dir })]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      const outcomes = [JSON.parse(a.stdout).outcome, JSON.parse(b.stdout).outcome].sort();
      assert.deepEqual(outcomes, ['aligned', 'already aligned']);
      assert.match(a.stderr + b.stderr, /waiting for another dbalign run/);
      assert.deepEqual((await state(remote)).history, ['20240101000000', '20240102000000', '20240103000000']);
      assert.equal((await query(remote, 'select count(*)::int as n from slow')).rows[0].n, 1);
    });
  });
}
