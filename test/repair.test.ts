import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
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
  });
}
