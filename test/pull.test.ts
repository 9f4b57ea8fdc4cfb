import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MAJORS, makeProject, runCli, startTestServer, writeMigration, type TestServer } from './helpers/pg.js';

for (const major of MAJORS) {
  describe(`pull on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    async function setup() {
      const remote = await srv.createDatabase('remote');
      const dir = await makeProject({ 'supabase/migrations/20240101000000_init.sql': 'create table t (id int primary key);' });
      assert.equal((await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir })).code, 0);
      return { remote, dir, shadow: ['--shadow', srv.server.url()] };
    }

    test('writes the remote-only changes as a migration, records it, and a reset then matches production', async () => {
      const { remote, dir, shadow } = await setup();
      await srv.query(remote, `create view v as select id from t; alter table t add column "Note" text default 'n'`);
      const dry = await runCli(['pull', '--dry-run', '--remote', remote, ...shadow], { cwd: dir });
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /CREATE VIEW "public"\."v"/);
      assert.equal((await fs.readdir(path.join(dir, 'supabase', 'migrations'))).length, 1, 'dry run writes no file');

      const res = await runCli(['pull', '--json', '--name', 'prod changes', '--remote', remote, ...shadow], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      const out = JSON.parse(res.stdout);
      assert.match(out.file, /^supabase\/migrations\/\d{14}_prod_changes\.sql$/);
      assert.ok(out.backup, 'a backup precedes the history write');
      const rows = await srv.query(remote, 'select version, name from supabase_migrations.schema_migrations order by version');
      assert.deepEqual(rows.rows.map((r) => r.name), ['init', 'prod_changes']);

      const local = await srv.createDatabase('local');
      assert.equal((await runCli(['reset', '--yes', '--local', local], { cwd: dir })).code, 0);
      const diff = await runCli(['diff', '--from', local, '--to', remote, '--exit-code'], { cwd: dir });
      assert.equal(diff.code, 0, diff.stdout);
      const again = await runCli(['pull', '--remote', remote, ...shadow], { cwd: dir });
      assert.equal(again.code, 0);
      assert.match(again.stderr, /No schema changes found/);
    });

    test('a history write that fails after the file is written removes the file and says so, and a rerun pulls', async () => {
      const { remote, dir, shadow } = await setup();
      await srv.query(remote, `create table extra (a int);
        create function frozen() returns trigger language plpgsql as $$begin raise exception 'history is frozen by another tool'; end$$;
        create trigger frozen before insert on supabase_migrations.schema_migrations for each row execute function frozen();`);
      const res = await runCli(['pull', '--yes', '--remote', remote, ...shadow], { cwd: dir });
      assert.equal(res.code, 1, res.stderr);
      const errors = res.stderr.split('\n').filter((l) => l.startsWith('error: '));
      assert.equal(errors.length, 1, res.stderr);
      assert.match(errors[0]!, /could not record \d{14}_remote_schema\.sql as applied on the remote: history is frozen by another tool.*nothing was recorded.*removed the file.*run `dbalign pull` again/);
      assert.doesNotMatch(res.stderr, /unexpected/);
      // No file is left pending whose changes the remote already has (a push would run them again).
      assert.deepEqual(await fs.readdir(path.join(dir, 'supabase', 'migrations')), ['20240101000000_init.sql']);
      const status = JSON.parse((await runCli(['status', '--json', '--remote', remote], { cwd: dir })).stdout);
      assert.equal(status.aligned, true);
      await srv.query(remote, 'drop trigger frozen on supabase_migrations.schema_migrations');
      const again = await runCli(['pull', '--yes', '--remote', remote, ...shadow], { cwd: dir });
      assert.equal(again.code, 0, again.stderr);
      assert.equal((await fs.readdir(path.join(dir, 'supabase', 'migrations'))).length, 2);
    });

    test('refuses an inconsistent history and names the exact repair', async () => {
      const { remote, dir, shadow } = await setup();
      await srv.query(remote, `insert into supabase_migrations.schema_migrations (version, name) values ('20240102000000', 'ghost')`);
      let res = await runCli(['pull', '--remote', remote, ...shadow], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /versions with no local file: 20240102000000; run `dbalign repair --status reverted 20240102000000` first/);
      await srv.query(remote, `delete from supabase_migrations.schema_migrations where version = '20240102000000'`);

      await fs.writeFile(path.join(dir, 'supabase/migrations/20240101000000_init.sql'), 'create table t (id bigint primary key);');
      res = await runCli(['pull', '--remote', remote, ...shadow], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /edited afterwards: 20240101000000; run `dbalign repair --status applied 20240101000000`/);
      await fs.writeFile(path.join(dir, 'supabase/migrations/20240101000000_init.sql'), 'create table t (id int primary key);');

      await writeMigration(dir, '20240103000000_next.sql', 'create table n (a int);');
      res = await runCli(['pull', '--remote', remote, ...shadow], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /not applied on the remote: 20240103000000; run `dbalign push` first/);
    });
  });
}
