import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAJORS, makeProject, runCli, startTestServer, type TestServer } from './helpers/pg.js';

for (const major of MAJORS) {
  describe(`guard on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    test('records DDL run outside dbalign, not dbalign’s own, and status shows it', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject({ 'supabase/migrations/20240101000000_a.sql': 'create table a (id int);\ncreate index concurrently a_id on a (id);' });
      const install = await runCli(['guard', 'install', '--remote', remote], { cwd: dir });
      assert.equal(install.code, 0, install.stderr);
      assert.equal((await runCli(['push', '--yes', '--remote', remote], { cwd: dir })).code, 0);
      await srv.query(remote, `select set_config('application_name', 'psql', false); alter table a add column hotfix text; drop index a_id;`);
      const json = JSON.parse((await runCli(['status', '--json', '--remote', remote], { cwd: dir })).stdout);
      const events = json.ddlOutsideDbalign.map((e: any) => [e.commandTag, e.objectIdentity, e.role]);
      assert.deepEqual(events, [
        ['ALTER TABLE', 'public.a', 'postgres'],
        ['DROP INDEX', 'public.a_id', 'postgres'],
      ]);
      assert.match(json.ddlOutsideDbalign[0].command, /alter table a add column hotfix text/);
      const text = await runCli(['status', '--remote', remote], { cwd: dir });
      assert.match(text.stderr, /2 DDL command\(s\) ran on the remote outside dbalign/);
      assert.match(text.stderr, /ALTER TABLE public\.a/);

      const remove = await runCli(['guard', 'remove', '--remote', remote], { cwd: dir });
      assert.equal(remove.code, 0, remove.stderr);
      await srv.query(remote, 'create table unrecorded (a int)');
      const after = JSON.parse((await runCli(['status', '--json', '--remote', remote], { cwd: dir })).stdout);
      assert.equal(after.ddlOutsideDbalign.length, 2, 'nothing recorded after removal; the record stays');
    });

    test('secrets in recorded DDL are masked before they are stored, and in check --json', async () => {
      const remote = await srv.createDatabase();
      const dir = await makeProject();
      const role = `r_${Math.random().toString(36).slice(2, 8)}`;
      await srv.query(remote, `create extension postgres_fdw; create server other foreign data wrapper postgres_fdw options (host 'h', dbname 'd');
`);
      assert.equal((await runCli(['guard', 'install', '--remote', remote], { cwd: dir })).code, 0);
      await srv.query(remote, `create user mapping for current_user server other options (user 'app', password 'Sekr1t-one');
        alter user mapping for current_user server other options (set password 'Sekr1t-two');
        create role ${role} login password 'Sekr1t-three';
        alter role ${role} with encrypted password 'Sekr1t-four';
`);
      await srv.query(remote, `create subscription s connection 'host=h dbname=d password=Sekr1t-five' publication p with (connect = false)`);
      const stored = await srv.query(remote, 'select string_agg(command, E\'\\n\') as all from dbalign.ddl_audit');
      assert.doesNotMatch(stored.rows[0].all, /Sekr1t/);
      assert.match(stored.rows[0].all, /password '\*\*\*\*'/);
      const status = await runCli(['status', '--json', '--remote', remote], { cwd: dir });
      assert.doesNotMatch(status.stdout + status.stderr, /Sekr1t/);
      await srv.query(remote, 'alter subscription s set (slot_name = none)');
      await srv.query(remote, 'drop subscription s');
      await srv.query(remote, `drop role ${role}`);
    });

    test('a user without the privilege gets a clear error', async () => {
      const remote = await srv.createDatabase();
      await srv.query(remote, `do $$ begin if not exists (select from pg_roles where rolname = 'plain_user') then create role plain_user login password 'pw'; end if; end $$; grant create on database "${new URL(remote).pathname.slice(1)}" to plain_user`);
      const url = new URL(remote);
      url.username = 'plain_user';
      url.password = 'pw';
      const res = await runCli(['guard', 'install', '--remote', url.toString()], { cwd: await makeProject() });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /cannot install the guard: permission denied.*event triggers need a superuser/);
    });
  });
}
