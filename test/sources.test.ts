import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MAJORS, makeProject, runCli, startTestServer, type TestServer } from './helpers/pg.js';

for (const major of MAJORS) {
  describe(`diff and snapshot on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    test('diff between two URLs prints SQL that makes them equal; --exit-code and --json', async () => {
      const a = await srv.createDatabase('a');
      const b = await srv.createDatabase('b');
      await srv.query(a, `create table "Users" (id int primary key, "full name" text); create table gone (x int);`);
      await srv.query(b, `create table "Users" (id int primary key, "full name" text not null, email text); create index users_email on "Users" (email);`);
      const dir = await makeProject();
      const diff = await runCli(['diff', '--from', a, '--to', b, '--exit-code'], { cwd: dir });
      assert.equal(diff.code, 2);
      assert.match(diff.stdout, /-- hazard: deletes data: drops table "public"\."gone"/);
      const json = await runCli(['diff', '--from', a, '--to', b, '--json'], { cwd: dir });
      const out = JSON.parse(json.stdout);
      assert.equal(out.equal, false);
      assert.deepEqual(out.destructive.map((s: any) => s.key), ['table "public"."gone"']);
      const safe = await runCli(['diff', '--from', a, '--to', b, '--safe'], { cwd: dir });
      assert.equal(safe.code, 1);
      assert.match(safe.stderr, /would delete data .*--safe refuses them/);

      await srv.query(a, diff.stdout);
      const after = await runCli(['diff', '--from', a, '--to', b, '--exit-code'], { cwd: dir });
      assert.equal(after.code, 0, after.stdout);
      assert.equal(after.stdout, '');
      assert.match(after.stderr, /No schema differences/);
    });

    test('migrations and snapshot files are sources too', async () => {
      const remote = await srv.createDatabase('remote');
      await srv.query(remote, 'create table t (id int primary key); create table extra (a int);');
      const dir = await makeProject({ 'supabase/migrations/1_t.sql': 'create table t (id int primary key);' });
      const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-snap-')), 'remote.json');
      const snap = await runCli(['snapshot', '--db', 'remote', '--out', file, '--remote', remote], { cwd: dir });
      assert.equal(snap.code, 0, snap.stderr);
      assert.equal((await fs.stat(file)).mode & 0o777, 0o600, 'a snapshot is readable by its owner only');
      const parsed = JSON.parse(await fs.readFile(file, 'utf8'));
      assert.equal(parsed.format, 'dbalign-snapshot-1');
      const diff = await runCli(['diff', '--from', 'migrations', '--to', file, '--shadow', srv.server.url()], { cwd: dir });
      assert.equal(diff.code, 0, diff.stderr);
      assert.match(diff.stdout, /CREATE TABLE "public"\."extra"/);
      assert.doesNotMatch(diff.stdout, /"t"/);
      const bad = await runCli(['diff', '--from', 'nowhere', '--to', file], { cwd: dir });
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /unknown source "nowhere": use a postgresql:\/\/ URL, local, remote, migrations, schemas or a snapshot \.json file/);
      await srv.query(remote, 'create schema other');
      const scoped = await runCli(['diff', '--from', file, '--to', 'remote', '--remote', remote, '--schema', 'other', '--exit-code'], { cwd: dir });
      assert.equal(scoped.code, 2, 'the file holds public, the scoped read holds only the empty schema other');
      const typo = await runCli(['diff', '--from', 'remote', '--to', 'remote', '--remote', remote, '--schema', 'pubic', '--exit-code'], { cwd: dir });
      assert.equal(typo.code, 1);
      assert.match(typo.stderr, /--schema pubic: no such schema in either database; check the spelling$/m);
    });
  });
}

test('connection strings in forms dbalign does not take are refused in one line, their password masked', async () => {
  const secret = 'Pw9-leak-check';
  const forms = [
    `postgresql+asyncpg://app:${secret}@db.example.com:5432/app`,
    `postgresql+psycopg2://app:${secret}@db.example.com/app`,
    `jdbc:postgresql://db.example.com:5432/app?user=app&password=${secret}`,
    `jdbc:postgresql://app:${secret}@db.example.com/app`,
    `host=db.example.com port=5432 user=app password=${secret} dbname=app`,
    `host=db.example.com password='${secret} x' dbname=app`,
    `mysql://app:${secret}@db.example.com/app`,
    `postgresql://app:p@${secret}@db.example.com/app.json`,
    `redshift://app:${secret}@db.example.com:5439/app`,
    `Server=db;Port=5432;User Id=app;Password=${secret};Database=app`,
  ];
  const dir = await makeProject();
  const runs = await Promise.all(
    forms.flatMap((form) => [
      runCli(['diff', '--from', form, '--to', 'remote'], { cwd: dir }),
      runCli(['status', '--remote', form], { cwd: dir }),
    ]),
  );
  assert.equal(runs.length, 20);
  for (const [i, res] of runs.entries()) {
    const form = forms[Math.floor(i / 2)];
    assert.equal(res.code, 1, `${form}: ${res.stdout}${res.stderr}`);
    assert.ok(!(res.stdout + res.stderr).includes(secret), `password shown for ${form}: ${res.stderr}`);
    assert.equal(res.stderr.trim().split('\n').length, 1, res.stderr);
  }
});
