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
