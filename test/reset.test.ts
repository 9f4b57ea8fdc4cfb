import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MAJORS, makeProject, query, runCli, startTestServer, type TestServer } from './helpers/pg.js';

const SUPABASE_MIGRATION = `
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  username text unique,
  avatar_id uuid default extensions.uuid_generate_v4()
);
alter table public.profiles enable row level security;
create policy "own profile" on public.profiles for all to authenticated using (auth.uid() = id);
grant select on public.profiles to anon;
insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true);
create policy "avatar upload" on storage.objects for insert to authenticated with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = auth.uid()::text);
alter publication supabase_realtime add table public.profiles;
`;

for (const major of MAJORS) {
  describe(`reset on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    test('rebuilds the embedded local database from migrations and seeds, then stops it', async () => {
      const dir = await makeProject({
        'supabase/config.toml': `[db]\nmajor_version = ${major}\n\n[db.seed]\nsql_paths = ["./seeds/*.sql"]\n`,
        'supabase/migrations/20240101000000_init.sql': SUPABASE_MIGRATION,
        'supabase/seeds/01_users.sql': `insert into auth.users (id, email) values ('00000000-0000-0000-0000-000000000001', 'a@example.com');`,
        'supabase/seeds/02_profiles.sql': `insert into public.profiles (id, username) values ('00000000-0000-0000-0000-000000000001', 'a');`,
      });
      const res = await runCli(['reset', '--json'], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      const out = JSON.parse(res.stdout);
      assert.deepEqual(out.applied, ['20240101000000']);
      assert.deepEqual(out.seeded, ['supabase/seeds/01_users.sql', 'supabase/seeds/02_profiles.sql']);
      assert.match(res.stderr, new RegExp(`started the local database \\(embedded PostgreSQL ${major}\\)`));
      assert.equal(await fs.readFile(path.join(dir, '.dbalign', '.gitignore'), 'utf8'), '*\n');

      // The server was stopped after the command; `start` brings it back with the data.
      const start = await runCli(['start', '--json'], { cwd: dir });
      assert.equal(start.code, 0, start.stderr);
      const info = JSON.parse(start.stdout);
      assert.equal(info.alreadyRunning, false);
      assert.match(info.url, /^postgresql:\/\/postgres:\*\*\*\*@127\.0\.0\.1:\d+\/postgres$/, 'the password is never printed');
      const state = JSON.parse(await fs.readFile(path.join(dir, '.dbalign', 'local.dbalign-server.json'), 'utf8'));
      const url = `postgresql://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${info.port}/postgres`;
      try {
        assert.equal((await query(url, 'show server_version_num')).rows[0].server_version_num.slice(0, 2), String(major));
        assert.deepEqual((await query(url, 'select username from public.profiles')).rows, [{ username: 'a' }]);
        assert.deepEqual((await query(url, 'select version from supabase_migrations.schema_migrations')).rows, [{ version: '20240101000000' }]);
        assert.equal((await query(url, 'select count(*)::int as n from supabase_migrations.seed_files')).rows[0].n, 2);
        // While it runs, reset reuses it and leaves it running.
        await query(url, 'create table scratch (a int)');
        const again = await runCli(['reset'], { cwd: dir });
        assert.equal(again.code, 0, again.stderr);
        assert.doesNotMatch(again.stderr, /started the local database/);
        assert.equal((await query(url, `select to_regclass('scratch') is null as gone`)).rows[0].gone, true);
      } finally {
        const stop = await runCli(['stop', '--clean'], { cwd: dir });
        assert.equal(stop.code, 0, stop.stderr);
        assert.match(stop.stderr, /Stopped the local database/);
      }
      await assert.rejects(fs.stat(path.join(dir, '.dbalign', 'local')), /ENOENT/);
    });

    test('rebuilds a database given by --local, dropping what was there', async () => {
      const local = await srv.createDatabase('local');
      await srv.query(local, 'create table leftover (a int)');
      const dir = await makeProject({
        'supabase/migrations/20240101000000_a.sql': 'create table a (id int);',
        'supabase/migrations/20240102000000_b.sql': 'create index concurrently a_id on a (id);',
        'supabase/seed.sql': 'insert into a values (1);',
      });
      const res = await runCli(['reset', '--yes', '--local', local], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      assert.equal((await srv.query(local, `select to_regclass('leftover') is null as gone`)).rows[0].gone, true);
      assert.deepEqual((await srv.query(local, 'select id from a')).rows, [{ id: 1 }]);
      assert.equal((await srv.query(local, `select to_regclass('a_id') is not null as ok`)).rows[0].ok, true);
      // A plain project (no config.toml) gets no Supabase schemas.
      assert.equal((await srv.query(local, `select to_regnamespace('auth') is null as none`)).rows[0].none, true);
    });

    test('applies files as the Supabase CLI does: legacy init skipped, string order, BEGIN … COMMIT, the directive, empty files', async () => {
      const local = await srv.createDatabase('local');
      const dir = await makeProject({
        'supabase/migrations/20211201000000_init.sql': 'create table legacy_init (a int);',
        'supabase/migrations/20240105_b.sql': 'create table b (a_id int references a);',
        'supabase/migrations/20240104120000_a.sql': "-- the table\nBEGIN;\ncreate type state as enum ('new');\ncreate table a (id int primary key, s state);\nCOMMIT;",
        'supabase/migrations/20240106000000_enum.sql': "-- pg-delta: transaction=false\nalter type state add value 'done';\nupdate a set s = 'done';\n",
        'supabase/migrations/20240107000000_new.sql': '',
      });
      const res = await runCli(['reset', '--yes', '--local', local], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stderr, /skipping 20211201000000_init\.sql/);
      assert.equal((await srv.query(local, `select to_regclass('legacy_init') is null as skipped`)).rows[0].skipped, true);
      const rows = (await srv.query(local, 'select version, statements from supabase_migrations.schema_migrations order by version')).rows;
      assert.deepEqual(rows, [
        { version: '20240104120000', statements: ["-- the table\nBEGIN", "create type state as enum ('new')", 'create table a (id int primary key, s state)', 'COMMIT'] },
        { version: '20240105', statements: ['create table b (a_id int references a)'] },
        { version: '20240106000000', statements: ["-- pg-delta: transaction=false\nalter type state add value 'done'", "update a set s = 'done'"] },
        { version: '20240107000000', statements: [] },
      ]);
    });

    test('a database given by --local is dropped only when confirmed, and never when it is the remote', async () => {
      const local = await srv.createDatabase('local');
      await srv.query(local, 'create table precious (a int); insert into precious values (1)');
      const dir = await makeProject({ 'supabase/migrations/20240101000000_a.sql': 'create table a (id int);' });
      const unconfirmed = await runCli(['reset', '--local', local], { cwd: dir });
      assert.equal(unconfirmed.code, 1);
      assert.match(unconfirmed.stderr, /needs confirmation: rerun with --yes/);
      // The same database reached by another host name is still the remote.
      const sameByOtherName = local.replace('127.0.0.1', 'localhost');
      const remoteToo = await runCli(['reset', '--yes', '--local', local], { cwd: dir, env: { DBALIGN_REMOTE_URL: sameByOtherName } });
      assert.equal(remoteToo.code, 1);
      assert.match(remoteToo.stderr, /the local database .* is the remote database: .*pass --local a database of its own/);
      assert.equal(remoteToo.stderr.trim().split('\n').length, 1);
      assert.deepEqual((await srv.query(local, 'select a from precious')).rows, [{ a: 1 }]);
      const other = await srv.createDatabase('remote');
      const ok = await runCli(['reset', '--yes', '--local', local], { cwd: dir, env: { DBALIGN_REMOTE_URL: other } });
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal((await srv.query(local, `select to_regclass('precious') is null as gone`)).rows[0].gone, true);
    });

    test('checks every file before it touches the database', async () => {
      const local = await srv.createDatabase('local');
      await srv.query(local, 'create table precious (a int)');
      const dir = await makeProject({
        'supabase/migrations/20240101000000_a.sql': 'create table a (id int);',
        'supabase/migrations/20240102000000_b.sql': 'create table b (id int);\ncommit;',
      });
      const res = await runCli(['reset', '--yes', '--local', local], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /20240102000000_b\.sql line 2: COMMIT has no BEGIN before it/);
      assert.equal((await srv.query(local, `select to_regclass('precious') is not null as kept`)).rows[0].kept, true);
    });
  });
}
