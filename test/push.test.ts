import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { collect, MAJORS, makeProject, ROOT, runCli, startTestServer, writeMigration, type TestServer } from './helpers/pg.js';

async function history(srv: TestServer, url: string): Promise<Array<{ version: string; name: string; statements: string[] }>> {
  const r = await srv.query(url, `select version, name, statements from supabase_migrations.schema_migrations order by version`);
  return r.rows;
}

async function exists(srv: TestServer, url: string, rel: string): Promise<boolean> {
  return (await srv.query(url, `select to_regclass($1) is not null as ok`, [rel])).rows[0].ok;
}

/** Polls `fn` until it gives a value; the bound only stops a broken test from hanging. */
async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A connection holding a lock on `table` in an open transaction, as a long-running transaction does. */
async function blocker(url: string, table: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, application_name: 'blocker' });
  await c.connect();
  await c.query(`begin; select * from ${table} limit 1`);
  return c;
}

/** dbalign's backend while it waits for a lock. */
function waitingBackend(srv: TestServer, url: string): Promise<number> {
  return waitFor('dbalign to wait for a lock', async () => {
    const r = await srv.query(url, `select pid from pg_stat_activity where application_name = 'dbalign' and wait_event_type = 'Lock'`);
    return r.rows[0]?.pid as number | undefined;
  });
}

function startCli(args: string[], cwd: string) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli', 'main.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  return { child, done: collect(child) };
}

for (const major of MAJORS) {
  describe(`push on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    test('applies pending migrations in version order (as strings, as the Supabase CLI), each with its history row', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101_first.sql': 'create table a (id int primary key);',
        'supabase/migrations/20240101120000_second.sql': 'create table b (id int references a);\ninsert into a values (1);',
        'supabase/migrations/20240102_third.sql': `create function f() returns int language sql begin atomic select 1; end;`,
      });
      const res = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      const rows = await history(srv, remote);
      assert.deepEqual(rows.map((r) => r.version), ['20240101', '20240101120000', '20240102']);
      assert.deepEqual(rows[1]!.statements, ['create table b (id int references a)', 'insert into a values (1)']);
      assert.equal(rows[1]!.name, 'second');
      const status = await runCli(['status', '--json', '--remote', remote], { cwd: dir });
      assert.equal(JSON.parse(status.stdout).aligned, true);
      const again = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(again.code, 0);
      assert.match(again.stderr, /Remote database is up to date/);
    });

    test('a failing file rolls back with its row, names the statement and position, keeps earlier files', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101000000_ok.sql': 'create table ok (id int);',
        'supabase/migrations/20240102000000_bad.sql': 'create table half (id int);\n\ninsert into half\n  values (nope);\n',
        'supabase/migrations/20240103000000_never.sql': 'create table never (id int);',
      });
      const res = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 1);
      const last = res.stderr.trim().split('\n').at(-1)!;
      assert.match(last, /^error: 20240102000000_bad\.sql failed at statement 2 \(line 4, column 11\): column "nope" does not exist; the file was rolled back and is not recorded; earlier migrations stay applied and recorded; fix 20240102000000_bad\.sql/);
      assert.deepEqual((await history(srv, remote)).map((r) => r.version), ['20240101000000']);
      assert.equal(await exists(srv, remote, 'ok'), true);
      assert.equal(await exists(srv, remote, 'half'), false);
      assert.equal(await exists(srv, remote, 'never'), false);
    });

    test('runs CREATE INDEX CONCURRENTLY outside a transaction, the statements around it in their own, and says so', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101000000_t.sql': 'create table t (a int);\ncreate index concurrently t_a on t (a);',
      });
      const res = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stderr, /contains CREATE INDEX CONCURRENTLY: running it outside a transaction, the statements around it in transactions of their own/);
      assert.equal(await exists(srv, remote, 't_a'), true);
      assert.equal((await history(srv, remote)).length, 1);
    });

    test('--dry-run prints SQL and history writes and changes nothing', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({ 'supabase/migrations/20240101000000_t.sql': 'create table t (a int);' });
      const res = await runCli(['push', '--dry-run', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /create table t \(a int\);/);
      assert.match(res.stdout, /INSERT INTO supabase_migrations\.schema_migrations/);
      assert.equal(await exists(srv, remote, 't'), false);
      assert.equal(await exists(srv, remote, 'supabase_migrations.schema_migrations'), false);
    });

    test('remote versions missing locally stop the push with the exact repair command', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({ 'supabase/migrations/20240101000000_t.sql': 'create table t (a int);' });
      assert.equal((await runCli(['push', '--yes', '--remote', remote], { cwd: dir })).code, 0);
      await srv.query(remote, `insert into supabase_migrations.schema_migrations (version, name) values ('20240105000000', 'hotfix')`);
      await writeMigration(dir, '20240106000000_next.sql', 'create table n (a int);');
      const res = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /no local file: 20240105000000; .*`dbalign repair --status reverted 20240105000000`/);
      assert.equal(await exists(srv, remote, 'n'), false);
    });

    test('out-of-order files stop the push unless --include-all', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({ 'supabase/migrations/20240105000000_b.sql': 'create table b (a int);' });
      assert.equal((await runCli(['push', '--yes', '--remote', remote], { cwd: dir })).code, 0);
      await writeMigration(dir, '20240101000000_a.sql', 'create table a (a int);');
      const blocked = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(blocked.code, 1);
      assert.match(blocked.stderr, /20240101000000 .*older than the newest applied version.*`dbalign push --include-all`/);
      const status = await runCli(['status', '--remote', remote], { cwd: dir });
      assert.match(status.stdout, /20240101000000 │\s+│ 2024-01-01 00:00:00 │ out of order/);
      const ok = await runCli(['push', '--yes', '--include-all', '--remote', remote], { cwd: dir });
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(await exists(srv, remote, 'a'), true);
    });

    test('files as the Supabase CLI runs them: BEGIN … COMMIT, empty, comments alone, the pg-delta directive, a symbolic link', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101000000_empty.sql': '',
        'supabase/migrations/20240101000001_comment.sql': '-- just a comment\n',
        'supabase/migrations/20240101000003_wrapped.sql':
          '-- header comment\nBEGIN;\ncreate table w (a int);\ndo $$ begin perform 1; end $$;\ncreate function f() returns int language plpgsql as $f$ begin return 1; end; $f$;\nCOMMIT;\n-- trailer\n',
        'supabase/migrations/20240101000004_directive.sql':
          "-- pg-delta: transaction=false\ncreate type mood as enum ('a');\nalter type mood add value 'b';\ncreate table m (x mood default 'b');\n",
        'shared/linked.sql': 'create table linked (a int);',
      });
      await fs.symlink(path.join(dir, 'shared/linked.sql'), path.join(dir, 'supabase/migrations/20240101000005_linked.sql'));
      const res = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      // The rows the Supabase CLI 2.117.0 wrote for the same files (db push --db-url).
      assert.deepEqual(await history(srv, remote), [
        { version: '20240101000000', name: 'empty', statements: [] },
        { version: '20240101000001', name: 'comment', statements: ['-- just a comment'] },
        {
          version: '20240101000003',
          name: 'wrapped',
          statements: [
            '-- header comment\nBEGIN',
            'create table w (a int)',
            'do $$ begin perform 1; end $$',
            'create function f() returns int language plpgsql as $f$ begin return 1; end; $f$',
            'COMMIT',
            '-- trailer',
          ],
        },
        {
          version: '20240101000004',
          name: 'directive',
          statements: ["-- pg-delta: transaction=false\ncreate type mood as enum ('a')", "alter type mood add value 'b'", "create table m (x mood default 'b')"],
        },
        { version: '20240101000005', name: 'linked', statements: ['create table linked (a int)'] },
      ]);
      assert.equal(await exists(srv, remote, 'm'), true);
      assert.equal(await exists(srv, remote, 'linked'), true);
      const status = await runCli(['status', '--json', '--remote', remote], { cwd: dir });
      const parsed = JSON.parse(status.stdout);
      assert.equal(parsed.aligned, true, status.stdout);
      assert.deepEqual(parsed.migrations.map((m: { modified: boolean | null; outOfOrder: boolean }) => [m.modified, m.outOfOrder]), Array(5).fill([false, false]));
    });

    test('a failing BEGIN … COMMIT file rolls back with its history row; a directive file keeps what ran', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101000000_wrapped.sql': '-- first\nbegin;\ncreate table w (a int);\n\ninsert into w values (nope);\ncommit;\n',
      });
      const res = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr.trim().split('\n').at(-1)!, /^error: 20240101000000_wrapped\.sql failed at statement 3 \(line 5, column 23\): column "nope" does not exist; the file was rolled back/);
      assert.equal(await exists(srv, remote, 'w'), false);
      assert.deepEqual(await history(srv, remote), []);

      const dir2 = await makeProject({
        'supabase/migrations/20240101000000_none.sql': '-- pg-delta: transaction=false\ncreate table kept (a int);\ninsert into kept values (nope);\n',
      });
      const res2 = await runCli(['push', '--yes', '--remote', remote], { cwd: dir2 });
      assert.equal(res2.code, 1);
      assert.match(res2.stderr, /failed at statement 2 \(line 3, column 26\): column "nope" does not exist; its first 1 statement\(s\) ran and stay applied, no history row was written/);
      assert.equal(await exists(srv, remote, 'kept'), true);
      assert.deepEqual(await history(srv, remote), []);
    });

    test('each file starts from the session defaults (RESET ALL), as with the Supabase CLI', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101000000_dump.sql': "select pg_catalog.set_config('search_path', '', false);\ncreate table public.a (id int);",
        'supabase/migrations/20240102000000_next.sql': 'create table b (id int);',
      });
      const res = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      assert.equal(await exists(srv, remote, 'public.b'), true);
    });

    test('a SET ROLE in a file ends with it: its history row is written, the next file runs as dbalign connected', async () => {
      const remote = await srv.createDatabase();
      const role = `owner_${Math.random().toString(36).slice(2, 8)}`;
      const dir = await makeProject({
        'supabase/migrations/20240101000000_as_owner.sql': `create role ${role}; grant create on schema public to ${role};\nset role ${role};\ncreate table public.owned (id int);`,
        'supabase/migrations/20240102000000_next.sql': 'create table public.mine (id int);',
      });
      const res = await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      const owners = await srv.query(remote, `select relname, pg_get_userbyid(relowner) as owner from pg_class where relname in ('owned', 'mine') order by 1`);
      assert.deepEqual(owners.rows, [{ relname: 'mine', owner: 'postgres' }, { relname: 'owned', owner: role }]);
      const rows = await srv.query(remote, 'select version from supabase_migrations.schema_migrations order by 1');
      assert.deepEqual(rows.rows.map((r) => r.version), ['20240101000000', '20240102000000']);
      await srv.query(remote, `drop table public.owned; revoke create on schema public from ${role}; drop role ${role}`);
    });

    test('a file with transactions of its own that do not span it builds locally, as the CLI runs it, but is not pushed', async () => {
      const remote = await srv.createDatabase();
      const local = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101000000_a.sql': 'create table a (id int);',
        'supabase/migrations/20240102000000_blocks.sql': 'begin;\ncreate table b (id int);\ncommit;\nbegin;\ncreate table c (id int);\ncommit;\n',
      });
      const res = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /20240102000000_blocks\.sql line 3: COMMIT in the middle of the file .*\(dbalign builds such a file in shadow and local databases, as the Supabase CLI does, but does not push it\)/);
      assert.equal(await exists(srv, remote, 'public.a'), false, 'nothing was written');
      const reset = await runCli(['reset', '--yes', '--local', local], { cwd: dir });
      assert.equal(reset.code, 0, reset.stderr);
      assert.equal(await exists(srv, local, 'public.c'), true);
      const rows = await srv.query(local, 'select version from supabase_migrations.schema_migrations order by 1');
      assert.deepEqual(rows.rows.map((r) => r.version), ['20240101000000', '20240102000000']);
    });

    test('versions are strings: 002 and 2 are two migrations, out of order means before the newest applied as strings', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/002_x.sql': 'create table x (a int);',
        'supabase/migrations/20240105_short.sql': 'create table s (a int);',
      });
      assert.equal((await runCli(['push', '--yes', '--remote', remote], { cwd: dir })).code, 0);
      await writeMigration(dir, '2_y.sql', 'create table y (a int);');
      await writeMigration(dir, '20240104120000_long.sql', 'create table l (a int);');
      await writeMigration(dir, '9_z.sql', 'create table z (a int);');
      // As strings 2 and 20240104120000 sort before 20240105 (out of order), 9 after it (pending).
      const blocked = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(blocked.code, 1);
      assert.match(blocked.stderr, /local migrations 2, 20240104120000 are older than the newest applied version/);
      const ok = await runCli(['push', '--yes', '--include-all', '--remote', remote], { cwd: dir });
      assert.equal(ok.code, 0, ok.stderr);
      assert.deepEqual((await history(srv, remote)).map((r) => r.version), ['002', '2', '20240104120000', '20240105', '9']);
    });

    test('--include-seed runs each seed file once and records it', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101000000_t.sql': 'create table t (a int);',
        'supabase/seed.sql': 'insert into t values (1), (2);',
      });
      for (let i = 0; i < 2; i++) {
        const res = await runCli(['push', '--yes', '--include-seed', '--remote', remote], { cwd: dir });
        assert.equal(res.code, 0, res.stderr);
      }
      assert.equal((await srv.query(remote, 'select count(*)::int as n from t')).rows[0].n, 2);
      const seeds = await srv.query(remote, 'select path from supabase_migrations.seed_files');
      assert.deepEqual(seeds.rows, [{ path: 'supabase/seed.sql' }]);

      // A seed file that changed since it ran: its hash is updated, it is not run again (as the Supabase CLI does).
      const changed = 'insert into t values (3);\n';
      await fs.writeFile(path.join(dir, 'supabase', 'seed.sql'), changed);
      const dry = await runCli(['push', '--dry-run', '--include-seed', '--remote', remote], { cwd: dir });
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /-- seed supabase\/seed\.sql changed since it ran: not run again, its recorded hash is updated/);
      const res = await runCli(['push', '--yes', '--include-seed', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stderr, /supabase\/seed\.sql changed since it ran: updating its recorded hash, not running it again/);
      assert.match(res.stderr, /updated the hash of 1 changed seed file\(s\) without running them/);
      assert.equal((await srv.query(remote, 'select count(*)::int as n from t')).rows[0].n, 2);
      const hash = createHash('sha256').update(changed).digest('hex');
      assert.deepEqual((await srv.query(remote, 'select path, hash from supabase_migrations.seed_files')).rows, [{ path: 'supabase/seed.sql', hash }]);
      const again = await runCli(['push', '--dry-run', '--include-seed', '--remote', remote], { cwd: dir });
      assert.match(again.stderr, /Remote database is up to date/);
    });

    test('a failing seed names the file, the statement and its line, and keeps nothing of it', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101000000_t.sql': 'create table t (a int primary key);',
        'supabase/seed.sql': '-- rows\ninsert into t values (1);\n\ninsert into t\n  values (1);\n',
      });
      const res = await runCli(['push', '--yes', '--include-seed', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /^error: seed file supabase\/seed\.sql failed at statement 2 \(line 4, column 1\): duplicate key value violates unique constraint "t_pkey"; nothing of it was kept and it is not recorded: fix it and run again\n$/m);
      assert.doesNotMatch(res.stderr, /unexpected/);
      assert.equal(res.stderr.trim().split('\n').filter((l) => l.startsWith('error:')).length, 1);
      assert.equal((await srv.query(remote, 'select count(*)::int as n from t')).rows[0].n, 0);
      assert.equal((await srv.query(remote, 'select count(*)::int as n from supabase_migrations.seed_files')).rows[0].n, 0);
    });

    test('asks for --yes when it cannot ask', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({ 'supabase/migrations/20240101000000_t.sql': 'create table t (a int);' });
      const res = await runCli(['push', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /needs confirmation: rerun with --yes/);
      assert.equal(await exists(srv, remote, 't'), false);
    });

    test('two pushes at once never interleave and apply nothing twice', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101000000_slow.sql': 'create table counter (n int);\nselect pg_sleep(1.5);\ninsert into counter values (1);',
        'supabase/migrations/20240102000000_more.sql': 'insert into counter values (2);',
      });
      const [a, b] = await Promise.all([
        runCli(['push', '--yes', '--remote', remote], { cwd: dir }),
        runCli(['push', '--yes', '--remote', remote], { cwd: dir }),
      ]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      assert.match(a.stderr + b.stderr, /waiting for another dbalign run/);
      assert.match(a.stderr + b.stderr, /Remote database is up to date/);
      assert.deepEqual((await srv.query(remote, 'select n from counter order by n')).rows, [{ n: 1 }, { n: 2 }]);
    });

    test('a run that cannot get the lock in time stops clearly and writes nothing', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({ 'supabase/migrations/20240101000000_t.sql': 'create table t (a int);' });
      const holder = new pg.Client({ connectionString: remote });
      await holder.connect();
      try {
        await holder.query(`select pg_advisory_lock(x'6462616c'::int, 1)`);
        const res = await runCli(['push', '--yes', '--lock-timeout', '1', '--remote', remote], { cwd: dir });
        assert.equal(res.code, 1);
        assert.match(res.stderr, /another dbalign run \(server pid \d+\) is writing to this database and did not finish within 1s: wait for it, or raise --lock-timeout/);
        assert.equal(await exists(srv, remote, 't'), false);
      } finally {
        await holder.end();
      }
    });
    test('a table lock held by another transaction: the file is retried, then fails in one line, unapplied and unrecorded; readers are not stuck behind it', async () => {
      const remote = await srv.createDatabase();
      await srv.query(remote, 'create table items (id int)');
      const dir = await makeProject({ 'supabase/migrations/20240101000000_extra.sql': 'select 1;\nalter table items add column extra int;' });
      const held = await blocker(remote, 'items');
      try {
        const run = startCli(['push', '--yes', '--no-backup', '--remote', remote, '--table-lock-timeout', '0.3', '--lock-retries', '2'], dir);
        await waitingBackend(srv, remote);
        // Queued behind the waiting ALTER, a reader gets the table once the ALTER gives up (it would hang without a lock timeout).
        const reader = new pg.Client({ connectionString: remote, statement_timeout: 60_000 });
        await reader.connect();
        try {
          assert.equal((await reader.query('select count(*)::int as n from items')).rows[0].n, 0);
        } finally {
          await reader.end();
        }
        const res = await run.done;
        assert.equal(res.code, 1, res.stderr);
        assert.match(res.stderr, /20240101000000_extra\.sql \(line 2\): canceling statement due to lock timeout, another session holds a lock it needs; running the file again in 0\.3s \(attempt 2 of 3\)/);
        assert.match(res.stderr, /running the file again in 0\.6s \(attempt 3 of 3\)/);
        const last = res.stderr.trim().split('\n').at(-1)!;
        assert.match(last, /^error: 20240101000000_extra\.sql failed at statement 2 \(line 2\): no lock obtained within 0\.3s in 3 attempt\(s\): another session holds a lock on the table \(find it with pg_stat_activity and pg_blocking_pids\).*raise --table-lock-timeout or --lock-retries; the file was rolled back and is not recorded$/);
        const cols = await srv.query(remote, `select array_agg(attname::text order by attnum) as c from pg_attribute where attrelid = 'items'::regclass and attnum > 0`);
        assert.deepEqual(cols.rows[0].c, ['id']);
        assert.deepEqual(await history(srv, remote), []);
      } finally {
        await held.end();
      }
    });

    test('a table lock released during the retries: the push goes through, with one history row', async () => {
      const remote = await srv.createDatabase();
      await srv.query(remote, 'create table items (id int)');
      const dir = await makeProject({ 'supabase/migrations/20240101000000_extra.sql': 'alter table items add column extra int;' });
      const held = await blocker(remote, 'items');
      const run = startCli(['push', '--yes', '--no-backup', '--remote', remote, '--table-lock-timeout', '0.3', '--lock-retries', '10'], dir);
      let stderr = '';
      run.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      await waitFor('a retry', async () => (/running the file again/.test(stderr) ? true : undefined));
      await held.query('commit');
      await held.end();
      const res = await run.done;
      assert.equal(res.code, 0, res.stderr);
      assert.deepEqual((await history(srv, remote)).map((r) => r.version), ['20240101000000']);
      const cols = await srv.query(remote, `select array_agg(attname::text order by attnum) as c from pg_attribute where attrelid = 'items'::regclass and attnum > 0`);
      assert.deepEqual(cols.rows[0].c, ['id', 'extra']);
    });

    test('a file run statement by statement retries only the statement that timed out on a lock', async () => {
      const remote = await srv.createDatabase();
      await srv.query(remote, 'create table items (id int)');
      const dir = await makeProject({
        'supabase/migrations/20240101000000_extra.sql': '-- pg-delta: transaction=false\ncreate table other (id int);\nalter table items add column extra int;',
      });
      const held = await blocker(remote, 'items');
      const run = startCli(['push', '--yes', '--no-backup', '--remote', remote, '--table-lock-timeout', '0.3', '--lock-retries', '10'], dir);
      let stderr = '';
      run.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      await waitFor('a retry', async () => (/\(line 3\): canceling statement due to lock timeout.*running the statement again/.test(stderr) ? true : undefined));
      await held.query('commit');
      await held.end();
      // Running the whole file again would fail on CREATE TABLE other, which stays applied.
      const res = await run.done;
      assert.equal(res.code, 0, res.stderr);
      assert.deepEqual((await history(srv, remote)).map((r) => r.version), ['20240101000000']);
      assert.equal(await exists(srv, remote, 'other'), true);
    });

    test('dbalign killed while its ALTER waits for a lock: its backend leaves the server, so the lock queue clears', async () => {
      const remote = await srv.createDatabase();
      await srv.query(remote, 'create table items (id int)');
      const dir = await makeProject({ 'supabase/migrations/20240101000000_extra.sql': 'alter table items add column extra int;' });
      const held = await blocker(remote, 'items');
      try {
        // No lock timeout: only the server's check of the client connection can end the wait.
        const run = startCli(['push', '--yes', '--no-backup', '--remote', remote, '--table-lock-timeout', '0'], dir);
        const pid = await waitingBackend(srv, remote);
        run.child.kill('SIGKILL');
        await run.done;
        await waitFor('the killed run\'s backend to leave', async () => {
          const r = await srv.query(remote, 'select count(*)::int as n from pg_stat_activity where pid = $1', [pid]);
          return r.rows[0].n === 0 ? true : undefined;
        });
        const queued = await srv.query(remote, `select count(*)::int as n from pg_locks where not granted and relation = 'items'::regclass`);
        assert.equal(queued.rows[0].n, 0);
        assert.deepEqual(await history(srv, remote), []);
      } finally {
        await held.end();
      }
    });
  });
}
