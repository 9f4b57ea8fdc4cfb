import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SUPABASE_CLI_HISTORY } from './helpers/supabase.js';
import { MAJORS, makeProject, runCli, startTestServer, type TestServer } from './helpers/pg.js';

for (const major of MAJORS) {
  describe(`repair on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    const versions = async (url: string) =>
      (await srv.query(url, 'select version, name, statements from supabase_migrations.schema_migrations order by version')).rows;

    test('--status applied records the local file without running it', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({
        'supabase/migrations/20240101000000_made_by_hand.sql': 'create table t (a int);\ncomment on table t is $$x$$;',
      });
      const res = await runCli(['repair', '--status', 'applied', '20240101000000', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      assert.deepEqual(await versions(remote), [
        { version: '20240101000000', name: 'made_by_hand', statements: ['create table t (a int)', 'comment on table t is $$x$$'] },
      ]);
      assert.equal((await srv.query(remote, `select to_regclass('t') is null as absent`)).rows[0].absent, true);
      const status = JSON.parse((await runCli(['status', '--json', '--remote', remote], { cwd: dir })).stdout);
      assert.equal(status.aligned, true);
    });

    test('--status applied without a local file is an error and writes nothing', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({ 'supabase/migrations/20240101000000_a.sql': 'select 1;' });
      const res = await runCli(['repair', '--status', 'applied', '20240101000000', '20249999000000', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /no local migration file for version 20249999000000/);
      assert.equal((await srv.query(remote, `select to_regclass('supabase_migrations.schema_migrations') is null as absent`)).rows[0].absent, true);
    });

    test('--status reverted deletes rows and warns about absent ones', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({ 'supabase/migrations/20240101000000_a.sql': 'create table a (x int);' });
      assert.equal((await runCli(['push', '--yes', '--remote', remote], { cwd: dir })).code, 0);
      const res = await runCli(['repair', '--status', 'reverted', '20240101000000', '20240202000000', '--json', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      const { backup, ...rest } = JSON.parse(res.stdout);
      assert.deepEqual(rest, { status: 'reverted', changed: ['20240101000000'], unchanged: ['20240202000000'], dryRun: false });
      // A backup precedes the write.
      assert.match(backup, /\.dbalign\/backups\/\d{8}T\d{6}Z(-\d+)?$/);
      assert.equal(JSON.parse(await fs.readFile(path.join(backup, 'manifest.json'), 'utf8')).complete, true);
      assert.match(res.stderr, /version 20240202000000 has no row/);
      assert.deepEqual(await versions(remote), []);
      // The table itself is untouched: reverting only forgets the record.
      assert.equal((await srv.query(remote, `select to_regclass('a') is not null as ok`)).rows[0].ok, true);
    });

    test('repairing a modified migration records the edited file', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({ 'supabase/migrations/20240101000000_a.sql': 'create table a (x int);' });
      assert.equal((await runCli(['push', '--yes', '--remote', remote], { cwd: dir })).code, 0);
      await srv.query(remote, `update supabase_migrations.schema_migrations set statements = array['create table a (x bigint)']`);
      let status = JSON.parse((await runCli(['status', '--json', '--remote', remote], { cwd: dir })).stdout);
      assert.equal(status.migrations[0].modified, true);
      assert.equal(status.aligned, false);
      assert.equal((await runCli(['repair', '--status', 'applied', '20240101000000', '--remote', remote], { cwd: dir })).code, 0);
      status = JSON.parse((await runCli(['status', '--json', '--remote', remote], { cwd: dir })).stdout);
      assert.equal(status.migrations[0].modified, false);
    });

    test('rejects bad versions and a missing --status', async () => {
      const dir = await makeProject();
      const remote = await srv.createDatabase();
      const bad = await runCli(['repair', '--status', 'applied', 'v1', '--remote', remote], { cwd: dir });
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /invalid version "v1"/);
      const missing = await runCli(['repair', '20240101000000', '--remote', remote], { cwd: dir });
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /--status <status>' not specified/);
      const wrong = await runCli(['repair', '--status', 'done', '1', '--remote', remote], { cwd: dir });
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /Allowed choices are applied, reverted/);
    });

    test('a remote version that is not digits (a row another tool wrote): every command works, and reverting removes it', async () => {
      // The Supabase CLI names files <digits>_<name>.sql, so 20240101_v2_x.sql is version 20240101; the row
      // 20240101_v2 can only have been written by hand or by another tool.
      const remote = await srv.createDatabase();
      await srv.query(remote, SUPABASE_CLI_HISTORY);
      await srv.query(remote, `insert into supabase_migrations.schema_migrations (version, name, statements) values ('20240101_v2', 'by_hand', null)`);
      const dir = await makeProject({ 'supabase/migrations/20240101_v2_x.sql': 'create table x (a int);' });
      const clean = (args: string[], res: { code: number; stdout: string; stderr: string }, code: number) => {
        assert.equal(res.code, code, `${args.join(' ')}: ${res.stderr}`);
        assert.doesNotMatch(res.stdout + res.stderr, /BigInt|unexpected|SyntaxError/, args.join(' '));
      };
      const status = JSON.parse((await runCli(['status', '--json', '--remote', remote], { cwd: dir })).stdout);
      assert.deepEqual(status.migrations.map((m: any) => [m.version, m.local, m.remote]), [['20240101', true, false], ['20240101_v2', false, true]]);
      const table = await runCli(['status', '--remote', remote], { cwd: dir });
      clean(['status'], table, 0);
      assert.match(table.stdout, /│ 20240101_v2 │\s+│ no local file/);
      const check = await runCli(['check', '--remote', remote], { cwd: dir });
      clean(['check'], check, 2);
      assert.match(check.stdout, /remote only 1/);
      for (const args of [['push', '--yes'], ['pull', '--yes']]) {
        const res = await runCli([...args, '--remote', remote], { cwd: dir });
        clean(args, res, 1);
        assert.match(res.stderr, /^error: .*20240101_v2.*`dbalign repair --status reverted 20240101_v2`/m);
      }
      clean(['align', '--dry-run'], await runCli(['align', '--dry-run', '--remote', remote], { cwd: dir }), 0);
      clean(['diff'], await runCli(['diff', '--from', 'migrations', '--to', 'remote', '--remote', remote], { cwd: dir }), 0);
      // Applied needs a local file, whose version is digits: the rule stays.
      const applied = await runCli(['repair', '--status', 'applied', '20240101_v2', '--remote', remote], { cwd: dir });
      clean(['repair applied'], applied, 1);
      assert.match(applied.stderr, /invalid version "20240101_v2".*use --status reverted/);
      const reverted = await runCli(['repair', '--yes', '--status', 'reverted', '20240101_v2', '--remote', remote], { cwd: dir });
      clean(['repair reverted'], reverted, 0);
      assert.deepEqual(await versions(remote), []);
      const push = await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir });
      clean(['push after repair'], push, 0);
      assert.deepEqual((await versions(remote)).map((r) => r.version), ['20240101']);
    });

    test('a remote version a shell would read is quoted in the repair command dbalign suggests', async () => {
      const remote = await srv.createDatabase();
      await srv.query(remote, SUPABASE_CLI_HISTORY);
      await srv.query(remote, `insert into supabase_migrations.schema_migrations (version) values ('v 1; $(x)')`);
      const dir = await makeProject();
      const res = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /`dbalign repair --status reverted 'v 1; \$\(x\)'`/);
      assert.equal((await runCli(['repair', '--yes', '--status', 'reverted', 'v 1; $(x)', '--remote', remote], { cwd: dir })).code, 0);
      assert.deepEqual(await versions(remote), []);
    });
  });
}
