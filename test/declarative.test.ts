import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { listSchemaFiles, loadSchemaFiles } from '../src/migrations/declarative.js';
import { loadProject } from '../src/migrations/project.js';
import { buildFromSchemas } from '../src/procedure/declarative.js';
import { silentLog } from '../src/procedure/log.js';
import { MAJORS, makeProject, query, runCli, startTestServer, writeMigration, type TestServer } from './helpers/pg.js';
import { snapshotOf, withClient } from './helpers/schema.js';
import { compareSnapshots } from '../src/procedure/schema.js';

const rel = (dir: string, files: string[]) => files.map((f) => path.relative(dir, f));

describe('listSchemaFiles', () => {
  test('without schema_paths: every .sql file under supabase/schemas/, in byte order, symbolic links skipped as the CLI skips them', async () => {
    const dir = await makeProject({
      'supabase/schemas/b.sql': '',
      'supabase/schemas/a.sql': '',
      'supabase/schemas/a/z.sql': '',
      'supabase/schemas/B.sql': '',
      'supabase/schemas/notes.txt': '',
      'supabase/other.sql': '',
    });
    await fs.symlink(path.join(dir, 'supabase', 'other.sql'), path.join(dir, 'supabase', 'schemas', 'c.sql'));
    const list = await listSchemaFiles(await loadProject(dir));
    assert.deepEqual(rel(dir, list.files), ['supabase/schemas/B.sql', 'supabase/schemas/a.sql', 'supabase/schemas/a/z.sql', 'supabase/schemas/b.sql']);
    assert.deepEqual(list.warnings, ['supabase/schemas/c.sql is a symbolic link: skipped, as the Supabase CLI skips it (name it in [db.migrations] schema_paths to use it)']);
    assert.deepEqual(await listSchemaFiles(await loadProject(await makeProject())), { files: [], warnings: [] });
  });

  test('with schema_paths: patterns in order, each one\'s matches sorted, a folder for the .sql files under it, each file once', async () => {
    const dir = await makeProject({
      'supabase/config.toml': '[db.migrations]\nschema_paths = ["./schemas/types.sql", "./schemas/*.sql", "./views", "./schemas/**/*.sql", "./none/*.sql"]\n',
      'supabase/schemas/tables.sql': '',
      'supabase/schemas/types.sql': '',
      'supabase/schemas/deep/x.sql': '',
      'supabase/views/v2.sql': '',
      'supabase/views/sub/v1.sql': '',
    });
    const list = await listSchemaFiles(await loadProject(dir));
    assert.deepEqual(rel(dir, list.files), [
      'supabase/schemas/types.sql',
      'supabase/schemas/tables.sql',
      'supabase/views/sub/v1.sql',
      'supabase/views/v2.sql',
      'supabase/schemas/deep/x.sql',
    ]);
    assert.deepEqual(list.warnings, ['[db.migrations] schema_paths: no files matched pattern ./none/*.sql']);
    const missing = await makeProject({ 'supabase/config.toml': '[db.migrations]\nschema_paths = ["./schemas/gone.sql"]\n' });
    await assert.rejects(listSchemaFiles(await loadProject(missing)), /^DbalignError: supabase\/config.toml \[db.migrations\] schema_paths: no files matched pattern \.\/schemas\/gone.sql \(paths are relative to supabase\/\): fix or remove it$/);
  });
});

for (const major of MAJORS) {
  describe(`declarative schemas on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    const IN_ORDER = [
      'create schema app;',
      'create table app.teams (id bigint primary key, name text not null unique);',
      'create table app.members (id bigint primary key, team_id bigint references app.teams (id), email text);',
      'create index members_email on app.members (email);',
      "create function app.team_size(t bigint) returns bigint language sql stable as 'select count(*) from app.members where team_id = t';",
      'create view app.team_sizes as select id, app.team_size(id) as size from app.teams;',
      'create type app.role as enum (\'owner\', \'member\');',
      'alter table app.members add column role app.role default \'member\';',
    ].join('\n');

    test('files need not be ordered by their dependencies: what waits for a later statement runs after it, with its file\'s settings', async () => {
      const dir = await makeProject({
        // Views and functions first, the schema last; the search_path of a file holds for its statements that wait.
        'supabase/schemas/1_views.sql': 'set search_path = app;\ncreate view team_sizes as select id, team_size(id) as size from teams;\n',
        'supabase/schemas/2_functions.sql': "create function app.team_size(t bigint) returns bigint language sql stable as 'select count(*) from app.members where team_id = t';\n",
        'supabase/schemas/3_members.sql': "create table app.members (id bigint primary key, team_id bigint references app.teams (id), email text);\ncreate index members_email on app.members (email);\nalter table app.members add column role app.role default 'member';\n",
        'supabase/schemas/4_types.sql': "create type app.role as enum ('owner', 'member');\n",
        'supabase/schemas/5_teams.sql': 'begin;\ncreate table app.teams (id bigint primary key, name text not null unique);\ncommit;\n',
        'supabase/schemas/6_schema.sql': 'create schema app;\n',
      });
      const project = await loadProject(dir);
      const files = await loadSchemaFiles(project, (await listSchemaFiles(project)).files);
      const declared = await srv.createDatabase('declared');
      await withClient(declared, (c) => buildFromSchemas(c, files, 'plain', silentLog));
      const ordered = await srv.createDatabase('ordered');
      await query(ordered, IN_ORDER);
      const scope = { profile: 'plain' as const };
      const diff = compareSnapshots(await snapshotOf(ordered, scope), await snapshotOf(declared, scope));
      assert.equal(diff.sql, '', 'the same schema as the files run in dependency order');
      assert.equal((await query(declared, 'select current_setting(\'search_path\') as p')).rows[0].p, '"$user", public', 'no setting is left behind');
    });

    test('a statement nothing creates the needs of is one error naming its file and line; another error stops at once', async () => {
      const build = async (files: Record<string, string>) => {
        const dir = await makeProject(files);
        const project = await loadProject(dir);
        const loaded = await loadSchemaFiles(project, (await listSchemaFiles(project)).files);
        const db = await srv.createDatabase('broken');
        return withClient(db, (c) => buildFromSchemas(c, loaded, 'plain', silentLog));
      };
      await assert.rejects(
        build({
          'supabase/schemas/a.sql': 'create table t (id int primary key);\n\ncreate view v as select * from missing;\ncreate view w as select * from v;\n',
        }),
        /^\w+: supabase\/schemas\/a.sql failed at statement 2 \(line 3, column 32\): relation "missing" does not exist; no schema file creates what it needs \(1 other statement also waits\); fix it and run again$/,
      );
      await assert.rejects(
        build({ 'supabase/schemas/a.sql': 'create table t (id int);\n', 'supabase/schemas/b.sql': 'create view v as select * from later;\ncreate table t (id int);\n' }),
        /^\w+: supabase\/schemas\/b.sql failed at statement 2 \(line 2, column 1\): relation "t" already exists; it does not wait for a missing object; fix it and run again$/,
      );
    });

    test('dbalign new --from-schemas writes the migration the files are ahead by; check reports them until it exists', async () => {
      const remote = await srv.createDatabase('remote');
      const dir = await makeProject({
        'supabase/migrations/20240101000000_init.sql': 'create table public.users (id bigint primary key, email text not null);\n',
        'supabase/schemas/users.sql': 'create table public.users (id bigint primary key, email text not null, active boolean not null default true);\ncreate index users_email on public.users (email);\n',
        'supabase/schemas/views.sql': 'create view public.active_users as select id, email from public.users where active;\n',
      });
      const flags = ['--shadow', srv.server.url(), '--profile', 'plain'];
      assert.equal((await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir })).code, 0);

      const ahead = await runCli(['check', '--json', '--remote', remote, ...flags], { cwd: dir });
      assert.equal(ahead.code, 2, ahead.stderr);
      const a = JSON.parse(ahead.stdout);
      assert.equal(a.history.aligned, true);
      assert.equal(a.schema.aligned, true);
      assert.equal(a.declarative.aligned, false);
      assert.equal(a.declarative.files, 2);
      assert.deepEqual(a.declarative.differences.map((d: { key: string }) => d.key).sort(), ['index "public"."users_email"', 'table "public"."users"', 'view "public"."active_users"']);
      const text = await runCli(['check', '--remote', remote, ...flags], { cwd: dir });
      assert.match(text.stdout, /Declarative schema files: ahead of the migrations \(3 object\(s\): .*\); write the migration with `dbalign new <name> --from-schemas`/);

      const written = await runCli(['new', 'catch up', '--from-schemas', '--json', ...flags], { cwd: dir });
      assert.equal(written.code, 0, written.stderr);
      const w = JSON.parse(written.stdout);
      assert.match(w.file, /^supabase\/migrations\/\d{14}_catch_up\.sql$/);
      assert.deepEqual(w.schemaFiles, ['supabase/schemas/users.sql', 'supabase/schemas/views.sql']);
      const sql = await fs.readFile(path.join(dir, w.file), 'utf8');
      assert.match(sql, /^-- Written by dbalign new --from-schemas/);
      assert.match(sql, /ADD COLUMN "active" boolean DEFAULT true NOT NULL/);
      assert.match(sql, /CREATE VIEW "public"."active_users"/);

      const nothing = await runCli(['new', 'again', '--from-schemas', ...flags], { cwd: dir });
      assert.equal(nothing.code, 0, nothing.stderr);
      assert.match(nothing.stderr, /No schema changes found: the migrations build what the 2 declarative file\(s\) declare\. Nothing was written\./);
      assert.equal((await fs.readdir(path.join(dir, 'supabase', 'migrations'))).length, 2);
      const diff = await runCli(['diff', '--from', 'migrations', '--to', 'schemas', '--exit-code', ...flags], { cwd: dir });
      assert.equal(diff.code, 0, diff.stdout + diff.stderr);

      // Pushed, everything is caught up.
      assert.equal((await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir })).code, 0);
      const aligned = await runCli(['check', '--json', '--remote', remote, ...flags], { cwd: dir });
      assert.equal(aligned.code, 0, aligned.stdout);
      assert.equal(JSON.parse(aligned.stdout).declarative.aligned, true);
    });

    test('without declarative files: `new --from-schemas` and `diff … schemas` say where to put them; check leaves them out', async () => {
      const dir = await makeProject({ 'supabase/migrations/20240101000000_init.sql': 'create table t (id int);\n' });
      const flags = ['--shadow', srv.server.url(), '--profile', 'plain'];
      const res = await runCli(['new', 'x', '--from-schemas', ...flags], { cwd: dir });
      assert.equal(res.code, 1);
      assert.equal(res.stderr.trim(), 'error: no declarative schema files: write them under supabase/schemas/, or list them in [db.migrations] schema_paths of supabase/config.toml');
      const diff = await runCli(['diff', '--from', 'migrations', '--to', 'schemas', ...flags], { cwd: dir });
      assert.equal(diff.code, 1);
      const remote = await srv.createDatabase('remote');
      await writeMigration(dir, '20240102000000_more.sql', 'create table u (id int);\n');
      assert.equal((await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir })).code, 0);
      const check = await runCli(['check', '--json', '--remote', remote, ...flags], { cwd: dir });
      assert.equal(check.code, 0, check.stdout);
      assert.equal(JSON.parse(check.stdout).declarative, undefined);
    });
  });
}

for (const major of MAJORS) {
  describe(`pull --declarative on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    test('writes the remote as files, one per table, view, function and type, that build it exactly, in an order that also runs one after another', async () => {
      const remote = await srv.createDatabase('remote');
      await query(remote, `
        create schema app;
        create type app.status as enum ('open', 'closed');
        create table app.teams (id bigint generated always as identity primary key, name text not null, owner_id bigint);
        create table app.members (id bigint generated always as identity primary key, team_id bigint not null references app.teams (id), email text, status app.status default 'open');
        alter table app.teams add constraint teams_owner_fk foreign key (owner_id) references app.members (id);
        create index members_email on app.members (lower(email));
        alter table app.teams enable row level security;
        -- policies of one table that read the other, both ways
        create policy team_of_member on app.teams using (exists (select 1 from app.members m where m.team_id = teams.id));
        create policy member_of_team on app.members using (team_id in (select id from app.teams));
        create function app.team_size(t bigint) returns bigint language sql stable as 'select count(*) from app.members where team_id = t';
        create view app.sizes as select id, app.team_size(id) as size from app.teams;
        create table app."Odd/Name ""x""" (id int);
        comment on table app.members is 'who is in a team';
        create sequence app.ticket;
        create function app.touch() returns trigger language plpgsql as 'begin new.email := lower(new.email); return new; end';
        create trigger members_touch before insert on app.members for each row execute function app.touch();
      `);
      const dir = await makeProject({
        'supabase/config.toml': 'project_id = "x"\n\n[db]\nport = 54322\n\n[db.migrations]\nenabled = true\n\n[db.seed]\nenabled = true\n',
        'supabase/schemas/stale.sql': 'create table stale (id int);\n',
      });
      const flags = ['--remote', remote, '--shadow', srv.server.url(), '--profile', 'plain'];
      const refused = await runCli(['pull', '--declarative', ...flags], { cwd: dir });
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim().split('\n').pop(), "error: supabase/schemas/ already holds files: rerun with --yes to replace them with the remote's schema");

      const res = await runCli(['pull', '--declarative', '--yes', '--json', ...flags], { cwd: dir });
      assert.equal(res.code, 0, res.stdout + res.stderr);
      const r = JSON.parse(res.stdout);
      assert.equal(r.verified, true, JSON.stringify(r.differences));
      assert.deepEqual([...r.files].sort(), [
        'supabase/schemas/app/foreign_keys.sql',
        'supabase/schemas/app/functions/team_size.sql',
        'supabase/schemas/app/functions/touch.sql',
        'supabase/schemas/app/policies.sql',
        'supabase/schemas/app/schema.sql',
        'supabase/schemas/app/sequences/ticket.sql',
        `supabase/schemas/app/tables/${(await fs.readdir(path.join(dir, 'supabase/schemas/app/tables'))).find((f) => f.startsWith('Odd_Name'))}`,
        'supabase/schemas/app/tables/members.sql',
        'supabase/schemas/app/tables/teams.sql',
        'supabase/schemas/app/types/status.sql',
        'supabase/schemas/app/views/sizes.sql',
      ]);
      await assert.rejects(fs.stat(path.join(dir, 'supabase/schemas/stale.sql')), /ENOENT/);
      const members = await fs.readFile(path.join(dir, 'supabase/schemas/app/tables/members.sql'), 'utf8');
      for (const part of ['CREATE TABLE "app"."members"', 'members_email', 'members_touch', "COMMENT ON TABLE \"app\".\"members\" IS 'who is in a team'"]) assert.ok(members.includes(part), part);

      const policies = await fs.readFile(path.join(dir, 'supabase/schemas/app/policies.sql'), 'utf8');
      assert.ok(policies.includes('member_of_team') && policies.includes('team_of_member'));
      assert.deepEqual(r.warnings, []);
      // config.toml lists the files in the order they run, and keeps the rest.
      const project = await loadProject(dir);
      assert.deepEqual(project.schemaPaths, r.schemaPaths);
      assert.equal(project.seed.enabled, true);
      assert.match(await fs.readFile(path.join(dir, 'supabase/config.toml'), 'utf8'), /^project_id = "x"\n\n\[db\]\nport = 54322\n/);
      // Run one after another with no retry, as the Supabase CLI runs them, the files apply.
      const files = await loadSchemaFiles(project, (await listSchemaFiles(project)).files);
      const strict = await srv.createDatabase('strict');
      await withClient(strict, async (c) => {
        for (const f of files) for (const s of f.statements) if (s.kind && !s.transaction) await c.query(s.sql);
      });
      const diff = await runCli(['diff', '--from', 'schemas', '--to', remote, '--exit-code', '--shadow', srv.server.url(), '--profile', 'plain'], { cwd: dir });
      assert.equal(diff.code, 0, diff.stdout + diff.stderr);
    });
  });
}
