import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAJORS, makeProject, runCli, startTestServer, writeMigration, type TestServer } from './helpers/pg.js';

for (const major of MAJORS) {
  describe(`check on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    test('exit 0 when aligned, 2 on history or schema drift, 1 on error; read-only', async () => {
      const remote = await srv.createDatabase('remote');
      const dir = await makeProject({ 'supabase/migrations/20240101000000_init.sql': 'create table t (id int primary key);' });
      const flags = ['--remote', remote, '--shadow', srv.server.url()];
      assert.equal((await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir })).code, 0);

      const ok = await runCli(['check', '--json', ...flags], { cwd: dir });
      assert.equal(ok.code, 0, ok.stderr);
      const clean = JSON.parse(ok.stdout);
      assert.equal(clean.aligned, true);
      assert.deepEqual(clean.schema.differences, []);

      await writeMigration(dir, '20240102000000_more.sql', 'create table more (a int);');
      const history = await runCli(['check', '--json', ...flags], { cwd: dir });
      assert.equal(history.code, 2);
      const h = JSON.parse(history.stdout);
      assert.deepEqual(h.history.pending, ['20240102000000']);
      assert.equal(h.schema.aligned, false, 'the migrations build a table the remote lacks');

      await srv.query(remote, 'create table more (a int)');
      await srv.query(remote, `insert into supabase_migrations.schema_migrations (version, name) values ('20240102000000', 'more')`);
      await srv.query(remote, 'create index t_hand on t (id)');
      const schema = await runCli(['check', '--json', ...flags], { cwd: dir });
      assert.equal(schema.code, 2);
      const s = JSON.parse(schema.stdout);
      assert.equal(s.history.aligned, true);
      assert.deepEqual(s.schema.differences, [{ key: 'index "public"."t_hand"', kind: 'index', op: 'create' }]);
      assert.match(s.schema.sql, /CREATE INDEX t_hand ON public\.t/);
      const text = await runCli(['check', ...flags], { cwd: dir });
      assert.equal(text.code, 2);
      assert.match(text.stdout, /Schema: drift \(1 object\(s\): create index "public"\."t_hand"\)/);

      const broken = await runCli(['check', '--remote', remote.replace(/@127\.0\.0\.1:\d+/, '@127.0.0.1:1')], { cwd: dir });
      assert.equal(broken.code, 1);
      assert.match(broken.stderr, /cannot reach the remote database/);
      const versions = await srv.query(remote, 'select count(*)::int as n from supabase_migrations.schema_migrations');
      assert.equal(versions.rows[0].n, 2, 'check wrote nothing');
    });
  });
}
