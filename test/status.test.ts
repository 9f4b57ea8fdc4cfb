import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SUPABASE_CLI_HISTORY } from './helpers/supabase.js';
import { MAJORS, makeProject, runCli, startTestServer, type TestServer } from './helpers/pg.js';

for (const major of MAJORS) {
  describe(`status on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    test('shows the rows a Supabase CLI history holds, like `supabase migration list`', async () => {
      const remote = await srv.createDatabase();
      // Written the way the Supabase CLI writes it: its own statement split, trailing semicolons, comments.
      await srv.query(remote, SUPABASE_CLI_HISTORY);
      await srv.query(
        remote,
        `insert into supabase_migrations.schema_migrations (version, name, statements) values
           ('20240101000000', 'init', array['-- users\ncreate table users (id bigint primary key);', 'ALTER TABLE users ADD COLUMN email TEXT;']),
           ('20240102000000', 'edited', array['create table posts (id int)']),
           ('20240103000000', 'hotfix', array['select 1'])`,
      );
      const dir = await makeProject({
        'supabase/migrations/20240101000000_init.sql': 'create table users (\n  id bigint primary key\n);\nalter table users add column email text;\n',
        'supabase/migrations/20240102000000_edited.sql': 'create table posts (id bigint);',
        'supabase/migrations/20240102120000_late.sql': 'select 2;',
        'supabase/migrations/20240104000000_new.sql': 'select 3;',
      });
      const json = await runCli(['status', '--json', '--remote', remote], { cwd: dir });
      assert.equal(json.code, 0, json.stderr);
      assert.deepEqual(JSON.parse(json.stdout), {
        aligned: false,
        ddlOutsideDbalign: [],
        migrations: [
          { version: '20240101000000', name: 'init', local: true, remote: true, modified: false, outOfOrder: false },
          { version: '20240102000000', name: 'edited', local: true, remote: true, modified: true, outOfOrder: false },
          { version: '20240102120000', name: 'late', local: true, remote: false, modified: null, outOfOrder: true },
          { version: '20240103000000', name: 'hotfix', local: false, remote: true, modified: null, outOfOrder: false },
          { version: '20240104000000', name: 'new', local: true, remote: false, modified: null, outOfOrder: false },
        ],
      });
      const table = await runCli(['status', '--remote', remote], { cwd: dir });
      assert.equal(table.code, 0);
      const lines = table.stdout.trimEnd().split('\n');
      assert.match(lines[0]!, /^\s+Local\s+│ Remote\s+│ Time \(UTC\)\s+│ Notes/);
      assert.match(lines[1]!, /^ ─+┼─+┼─+┼─+$/);
      assert.match(lines[2]!, /^\s+20240101000000 │ 20240101000000 │ 2024-01-01 00:00:00 │\s*$/);
      assert.match(lines[3]!, /20240102000000 │ 20240102000000 │ 2024-01-02 00:00:00 │ modified/);
      assert.match(lines[4]!, /20240102120000 │\s+│ 2024-01-02 12:00:00 │ out of order/);
      assert.match(lines[5]!, /^\s+│ 20240103000000 │ 2024-01-03 00:00:00 │ no local file/);
      assert.match(lines[6]!, /20240104000000 │\s+│ 2024-01-04 00:00:00 │ pending/);
      assert.match(table.stderr, /Not aligned: 2 pending, 1 only on the remote, 1 modified after being applied/);
      assert.doesNotMatch(table.stdout, /\x1b\[/, 'no colour when piped');
    });

    test('a large --json document reaches a pipe whole', async () => {
      const remote = await srv.createDatabase();
      await srv.query(remote, SUPABASE_CLI_HISTORY);
      await srv.query(remote, `insert into supabase_migrations.schema_migrations (version, name, statements)
        select (20200101000000 + n)::text, 'migration_' || n, array['select ' || n] from generate_series(1, 3000) n`);
      const res = await runCli(['status', '--json', '--remote', remote], { cwd: await makeProject() });
      assert.equal(res.code, 0, res.stderr);
      assert.ok(res.stdout.length > 200_000);
      assert.equal(JSON.parse(res.stdout).migrations.length, 3000);
    });

    test('an empty remote and no files are aligned', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject();
      const res = await runCli(['status', '--json', '--remote', remote], { cwd: dir });
      assert.deepEqual(JSON.parse(res.stdout), { aligned: true, ddlOutsideDbalign: [], migrations: [] });
    });

    test('reads the remote URL from DBALIGN_REMOTE_URL', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({ 'supabase/migrations/1_a.sql': 'select 1;' });
      const res = await runCli(['status', '--json'], { cwd: dir, env: { DBALIGN_REMOTE_URL: remote } });
      assert.equal(res.code, 0, res.stderr);
      assert.equal(JSON.parse(res.stdout).migrations[0].version, '1');
    });
  });
}
