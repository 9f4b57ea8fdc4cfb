import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { MAJORS, makeProject, runCli, startTestServer, writeMigration, type TestServer } from './helpers/pg.js';

async function history(srv: TestServer, url: string): Promise<Array<{ version: string; name: string; statements: string[] }>> {
  const r = await srv.query(url, `select version, name, statements from supabase_migrations.schema_migrations order by version::numeric`);
  return r.rows;
}

async function exists(srv: TestServer, url: string, rel: string): Promise<boolean> {
  return (await srv.query(url, `select to_regclass($1) is not null as ok`, [rel])).rows[0].ok;
}

for (const major of MAJORS) {
  describe(`push on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    test('applies pending migrations in numeric version order, each with its history row', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101_first.sql': 'create table a (id int primary key);',
        'supabase/migrations/20240101120000_second.sql': 'create table b (id int references a);\ninsert into a values (1);',
        'supabase/migrations/20240102_third.sql': `create function f() returns int language sql begin atomic select 1; end;`,
      });
      const res = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      const rows = await history(srv, remote);
      assert.deepEqual(rows.map((r) => r.version), ['20240101', '20240102', '20240101120000']);
      assert.deepEqual(rows[2]!.statements, ['create table b (id int references a)', 'insert into a values (1)']);
      assert.equal(rows[2]!.name, 'second');
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
      assert.match(last, /^error: 20240102000000_bad\.sql failed at statement 2 \(line 4, column 11\): column "nope" does not exist; the file was rolled back; earlier migrations stay applied and recorded/);
      assert.deepEqual((await history(srv, remote)).map((r) => r.version), ['20240101000000']);
      assert.equal(await exists(srv, remote, 'ok'), true);
      assert.equal(await exists(srv, remote, 'half'), false);
      assert.equal(await exists(srv, remote, 'never'), false);
    });

    test('runs a file with CREATE INDEX CONCURRENTLY outside a transaction and says so', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101000000_t.sql': 'create table t (a int);\ncreate index concurrently t_a on t (a);',
      });
      const res = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stderr, /contains CREATE INDEX CONCURRENTLY: running its statements one by one, outside a transaction/);
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
  });
}
