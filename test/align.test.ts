import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MAJORS, makeProject, runCli, startTestServer, writeMigration, type TestServer } from './helpers/pg.js';

const INIT = 'create table public.items (id bigint generated always as identity primary key, name text not null);';
const TAGS = 'create table public.tags (id int primary key, label text unique);';

for (const major of MAJORS) {
  describe(`align on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    /** A project, its remote with the first migration pushed, and the flags every run needs. */
    async function setup(files: Record<string, string> = {}) {
      const remote = await srv.createDatabase('remote');
      const local = await srv.createDatabase('local');
      const dir = await makeProject({ 'supabase/migrations/20240101000000_init.sql': INIT });
      const flags = ['--remote', remote, '--local', local, '--shadow', srv.server.url()];
      const pushed = await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir });
      assert.equal(pushed.code, 0, pushed.stderr);
      for (const [f, sql] of Object.entries(files)) await writeMigration(dir, f, sql);
      return { remote, local, dir, flags };
    }

    async function alignJson(dir: string, args: string[]) {
      const res = await runCli(['align', '--yes', '--json', ...args], { cwd: dir });
      assert.ok(res.code === 0 || res.code === 2, res.stderr);
      if (!args.includes('--report')) {
        assert.equal(await fs.readFile(path.join(dir, 'supabase', '.dbalign', '.gitignore'), 'utf8'), '*\n', 'reports stay out of git');
      }
      return { code: res.code, report: JSON.parse(res.stdout), stderr: res.stderr };
    }

    const versions = async (url: string) =>
      (await srv.query(url, 'select version from supabase_migrations.schema_migrations order by version')).rows.map((r) => r.version);

    test('a --local that is the remote is refused before anything is written, and --json is no confirmation', async () => {
      const { remote, dir } = await setup();
      await srv.query(remote, 'insert into public.items (name) select n::text from generate_series(1, 1000) n');
      const same = await runCli(['align', '--yes', '--json', '--remote', remote, '--local', remote, '--shadow', srv.server.url()], { cwd: dir });
      assert.equal(same.code, 1);
      assert.match(JSON.parse(same.stdout).error, /is the remote database/);
      await writeMigration(dir, '20240301000000_more.sql', 'create table public.more (id int);');
      const unconfirmed = await runCli(['align', '--json', '--no-backup', '--remote', remote, '--local', await srv.createDatabase('local'), '--shadow', srv.server.url()], { cwd: dir });
      assert.equal(unconfirmed.code, 1);
      assert.match(JSON.parse(unconfirmed.stdout).error, /needs confirmation: rerun with --yes/);
      const push = await runCli(['push', '--json', '--no-backup', '--remote', remote], { cwd: dir });
      assert.equal(push.code, 1);
      assert.equal((await srv.query(remote, `select to_regclass('public.more') is null as none`)).rows[0].none, true);
      assert.equal((await srv.query(remote, 'select count(*)::int as n from public.items')).rows[0].n, 1000);
    });

    test('a forced pull with a pending migration is refused: it would write a migration undoing it', async () => {
      const { remote, dir, flags } = await setup({ '20240201000000_tags.sql': TAGS });
      await srv.query(remote, 'alter table public.items add column note text');
      const before = await fs.readdir(path.join(dir, 'supabase', 'migrations'));
      const res = await runCli(['align', '--yes', '--strategy', 'pull', ...flags], { cwd: dir });
      assert.equal(res.code, 1, res.stdout);
      assert.match(res.stderr, /strategy A \(pull\) cannot run while local migrations are not applied \(20240201000000\)/);
      assert.deepEqual(await fs.readdir(path.join(dir, 'supabase', 'migrations')), before);
      assert.deepEqual(await versions(remote), ['20240101000000']);
    });

    test('A: a change made by hand in production is pulled into a new migration', async () => {
      const { remote, dir, flags } = await setup();
      await srv.query(remote, 'alter table public.items add column price numeric(10,2); create index items_name on public.items (name);');
      const drift = await runCli(['check', '--json', '--remote', remote, '--shadow', srv.server.url()], { cwd: dir });
      assert.equal(drift.code, 2);
      assert.deepEqual(JSON.parse(drift.stdout).schema.differences.map((d: any) => d.key).sort(), ['index "public"."items_name"', 'table "public"."items"']);

      const { code, report } = await alignJson(dir, flags);
      assert.equal(code, 0);
      assert.equal(report.outcome, 'aligned');
      assert.deepEqual(report.chosen, ['A']);
      assert.match(report.recommended[0].reason, /the remote has 2 schema change\(s\) no migration contains/);
      const action = report.actions[0];
      assert.match(action.file, /^supabase\/migrations\/\d{14}_remote_schema\.sql$/);
      const written = await fs.readFile(path.join(dir, action.file), 'utf8');
      assert.match(written, /ADD COLUMN "price" numeric\(10,2\)/);
      assert.match(written, /CREATE INDEX items_name ON public\.items/);
      assert.deepEqual(await versions(remote), ['20240101000000', action.historyRows[0]]);
      assert.ok(report.verification.every((v: any) => v.ok), JSON.stringify(report.verification));
      assert.ok(report.backup, 'a backup was taken');
      assert.equal(report.checklist.filter((c: any) => c.ok).length, 5);

      const clean = await runCli(['check', '--remote', remote, '--shadow', srv.server.url()], { cwd: dir });
      assert.equal(clean.code, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout, /History: aligned\nSchema: aligned/);
    });

    test('B: local migrations not yet applied are pushed', async () => {
      const { remote, dir, flags } = await setup({ '20240102000000_tags.sql': TAGS });
      const { code, report } = await alignJson(dir, flags);
      assert.equal(code, 0);
      assert.deepEqual(report.chosen, ['B']);
      assert.deepEqual(report.actions[0].historyRows, ['20240102000000']);
      assert.deepEqual(await versions(remote), ['20240101000000', '20240102000000']);
      assert.equal((await srv.query(remote, `select to_regclass('public.tags') is not null as ok`)).rows[0].ok, true);
      assert.equal(report.outcome, 'aligned');
    });

    test('C: history rows that do not match files are repaired', async () => {
      const { remote, dir, flags } = await setup({ '20240103000000_tags.sql': TAGS });
      // A row for a migration that was rolled back by hand (no file, no schema) and a file applied out of band.
      await srv.query(remote, `insert into supabase_migrations.schema_migrations (version, name, statements) values ('20240102000000', 'abandoned', '{}')`);
      await srv.query(remote, TAGS);
      const { code, report } = await alignJson(dir, flags);
      assert.equal(code, 0, JSON.stringify(report, null, 2));
      assert.deepEqual(report.chosen, ['C']);
      assert.match(report.recommended[0].reason, /records 20240102000000 with no local file/);
      assert.match(report.recommended[0].reason, /20240103000000 are not recorded but the remote already has their changes/);
      assert.deepEqual(await versions(remote), ['20240101000000', '20240103000000']);
      assert.equal(report.outcome, 'aligned');
    });

    test('mixed: C, then B, then A, with a report in Markdown and JSON', async () => {
      const { remote, dir, flags } = await setup({ '20240105000000_tags.sql': TAGS });
      await srv.query(remote, `create table public.hotfix (id int primary key)`);
      await srv.query(remote, `insert into supabase_migrations.schema_migrations (version, name, statements) values ('20240104000000', 'hotfix', array['create table public.hotfix (id int primary key)'])`);
      await srv.query(remote, `comment on table public.items is 'changed in the SQL editor'`);
      const reportFile = path.join(dir, 'alignment.md');
      const { code, report } = await alignJson(dir, [...flags, '--report', reportFile]);
      assert.equal(code, 0, JSON.stringify(report.verification));
      assert.deepEqual(report.chosen, ['C', 'B', 'A']);
      assert.deepEqual(report.actions.map((a: any) => a.strategy), ['C', 'B', 'A']);
      const pulled = await fs.readFile(path.join(dir, report.actions[2].file), 'utf8');
      assert.match(pulled, /CREATE TABLE "public"\."hotfix"/);
      assert.match(pulled, /COMMENT ON TABLE "public"\."items" IS 'changed in the SQL editor'/);
      const md = await fs.readFile(reportFile, 'utf8');
      for (const heading of ['## Pre-alignment checklist', '## Assessment', '## Strategy', '## Actions', '## Verification', '## Timings']) assert.ok(md.includes(heading), heading);
      assert.match(md, /On the remote with no local file: `20240104000000`/);
      assert.match(md, /\| ✅ \| Local reset from migrations matches the remote \|/);
      assert.equal((await fs.stat(reportFile)).mode & 0o777, 0o600);
      const json = JSON.parse(await fs.readFile(reportFile.replace(/\.md$/, '.json'), 'utf8'));
      assert.equal(json.outcome, 'aligned');
      assert.ok(!md.includes(srv.server.password) && !JSON.stringify(json).includes(srv.server.password), 'no password in the report');
    });

    test('--dry-run assesses and chooses but writes nothing', async () => {
      const { remote, dir, flags } = await setup({ '20240102000000_tags.sql': TAGS });
      await srv.query(remote, `create table public.extra (id int)`);
      const { code, report } = await alignJson(dir, [...flags, '--dry-run']);
      assert.equal(code, 0);
      assert.equal(report.outcome, 'dry run');
      assert.deepEqual(report.chosen, ['B', 'A']);
      assert.deepEqual(await versions(remote), ['20240101000000']);
      assert.equal((await srv.query(remote, `select to_regclass('public.tags') is null as absent`)).rows[0].absent, true);
      assert.deepEqual((await fs.readdir(path.join(dir, 'supabase', 'migrations'))).sort(), ['20240101000000_init.sql', '20240102000000_tags.sql']);
      assert.equal(report.backup, null);
    });

    test('declarative schema files ahead: Strategy B writes their migration and pushes it; a rename in them keeps the rows', async () => {
      const { remote, dir, flags } = await setup();
      await srv.query(remote, `insert into public.items (name) overriding system value select 'kept'`);
      await fs.mkdir(path.join(dir, 'supabase', 'schemas'));
      const declared = INIT.replace('name text', 'title text');
      await fs.writeFile(path.join(dir, 'supabase', 'schemas', 'items.sql'), `${declared}\ncreate index items_title on public.items (title);\n`);
      const migrations = () => fs.readdir(path.join(dir, 'supabase', 'migrations'));

      // A column renamed in the files: no decision (no terminal, no --yes), no plan.
      const stopped = await runCli(['align', '--dry-run', '--json', ...flags], { cwd: dir });
      assert.equal(stopped.code, 1);
      assert.match(JSON.parse(stopped.stdout).error, /keep the data with --rename public.items.name=public.items.title, or pass --allow-data-loss/);

      const dry = await alignJson(dir, [...flags, '--dry-run', '--rename', 'items.name=items.title']);
      const finding = dry.report.assessment.schema.find((f: { comparison: string }) => f.comparison.startsWith('Declarative schema files'));
      assert.deepEqual(finding?.objects.map((o: { key: string }) => o.key).sort(), ['index "public"."items_title"', 'table "public"."items"']);
      assert.deepEqual(dry.report.chosen, ['B']);
      assert.match(dry.report.recommended[0].reason, /^the declarative schema files are ahead of the migrations by 2 object\(s\): their migration is written/);
      assert.match(dry.report.actions[0].statements[0], /RENAME COLUMN "name" TO "title";[\s\S]*CREATE INDEX/);
      assert.equal((await migrations()).length, 1, 'a dry run writes nothing');

      // --yes confirms a rename alike in all but its name.
      const { code, report } = await alignJson(dir, [...flags, '--no-backup']);
      assert.deepEqual(report.renames?.decisions?.map((d: { by: string }) => d.by), ['yes']);
      assert.equal(code, 0, JSON.stringify(report.verification));
      assert.equal(report.outcome, 'aligned');
      const written = (await migrations()).find((f) => f.endsWith('_declarative_schemas.sql'))!;
      assert.ok(written, 'the catch-up migration is written');
      assert.deepEqual(report.actions.map((a: { file?: string }) => a.file).filter(Boolean), [`supabase/migrations/${written}`]);
      assert.deepEqual(await versions(remote), ['20240101000000', written.slice(0, 14)]);
      assert.deepEqual((await srv.query(remote, 'select title from public.items')).rows, [{ title: 'kept' }]);
      const diff = await runCli(['diff', '--from', 'migrations', '--to', 'schemas', '--exit-code', '--shadow', srv.server.url()], { cwd: dir });
      assert.equal(diff.code, 0, diff.stdout + diff.stderr);
    });

    test('--strategy push does only B, and reports what is left', async () => {
      const { remote, dir, flags } = await setup({ '20240102000000_tags.sql': TAGS });
      await srv.query(remote, `create table public.extra (id int)`);
      const { code, report } = await alignJson(dir, [...flags, '--strategy', 'push']);
      assert.equal(code, 2);
      assert.equal(report.overridden, true);
      assert.deepEqual(report.chosen, ['B']);
      assert.equal(report.outcome, 'not aligned');
      const failed = report.verification.find((v: any) => !v.ok);
      assert.match(failed.detail, /table "public"\."extra"/);
    });
  });
}
