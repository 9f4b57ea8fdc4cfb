import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadParser } from '../src/migrations/sql.js';
import { tenantSearchPath, tenantStatementProblem } from '../src/migrations/tenants.js';
import { makeTenancy } from '../src/procedure/tenants.js';
import { MAJORS, makeProject, runCli, startTestServer, writeMigration, type TestServer } from './helpers/pg.js';

const INIT = `create table accounts (id int primary key, email text, note text);
create index accounts_email on accounts (email);
create view account_emails as select id, email from accounts where email is not null;
create function account_count() returns bigint language sql set search_path from current as $$ select count(*) from accounts $$;
create table projects (id int primary key, account int not null references accounts on delete cascade, name text not null);
alter table projects enable row level security;
create policy projects_mine on projects using (account = current_setting('app.account', true)::int);
`;

describe('which migrations run per tenant', () => {
  const tenancy = makeTenancy('tenant_template');
  before(() => loadParser());

  test('unqualified names and shared schemas pass; the template schema qualified anywhere is refused', () => {
    assert.deepEqual(tenancy, { template: 'tenant_template', shared: ['public', 'extensions'] });
    for (const ok of [
      INIT,
      'create table invoices (id int, plan int references public.plans)',
      'select extensions.uuid_generate_v4()',
      `create function f() returns int language plpgsql as $$ begin return (select count(*) from accounts); end $$`,
      `comment on table accounts is 'tenant_template holds the blueprint'`,
    ]) {
      assert.equal(tenantStatementProblem(ok, tenancy), undefined, ok);
    }
    const refused: Array<[string, RegExp]> = [
      ['create table tenant_template.a (id int)', /names "tenant_template\.a" with the template schema/],
      ['create table a (b int references tenant_template.c)', /names "tenant_template\.c"/],
      ['create table a (d tenant_template.mood)', /names "tenant_template\.mood"/],
      ['select tenant_template.f(1)', /names "tenant_template\.f"/],
      [`select 'tenant_template.accounts'::regclass`, /in the string 'tenant_template\.accounts'/],
      [`create function f() returns int language sql set search_path = tenant_template as $$ select 1 $$`, /in the string 'tenant_template'/],
      [`create function f() returns bigint language sql as $$ select count(*) from tenant_template.accounts $$`, /function body names "tenant_template\.accounts"/],
      [`do $$ begin perform 1 from "tenant_template".accounts; end $$`, /plpgsql body that qualifies a name with the template schema/],
      ['create schema reports', /creates schema "reports"/],
      ['create extension if not exists pgcrypto', /extensions are per database/],
      ['set search_path = public', /sets search_path/],
    ];
    for (const [sql, re] of refused) assert.match(tenantStatementProblem(sql, tenancy) ?? '', re, sql);
    assert.equal(tenantSearchPath('Tenant "A"', tenancy), '"Tenant ""A""", "public", "extensions"');
    assert.deepEqual(makeTenancy('public', 'public,shared'), { template: 'public', shared: ['shared'] });
  });
});

for (const major of MAJORS) {
  describe(`schema-per-tenant on PostgreSQL ${major}`, { concurrency: true }, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    const password = () => decodeURIComponent(new URL(srv.server.url()).password);
    const schemas = Array.from({ length: 20 }, (_, i) => `tenant_${String(i + 1).padStart(2, '0')}`);
    const versions = async (url: string, schema: string) =>
      (await srv.query(url, 'select version from dbalign.tenant_schema_migrations where schema_name = $1 order by version', [schema])).rows.map((r) => r.version as string);
    const tenantArgs = ['--schema-template', 'tenant_template', '--tenants', 'tenants.txt'];

    test('20 tenant schemas: push creates them, check finds exactly the drifted ones, a push that fails in one schema leaves it untouched, a rerun resumes', async () => {
      const dir = await makeProject({ 'supabase/migrations/20240101000000_init.sql': INIT, 'tenants.txt': '# one schema per line\n' + schemas.join('\n') + '\n' });
      const url = await srv.createDatabase('tenants');
      const first = await runCli(['push', '--yes', '--json', '--remote', url, ...tenantArgs, '--concurrency', '4'], { cwd: dir });
      assert.equal(first.code, 0, first.stderr);
      const pushed = JSON.parse(first.stdout);
      assert.deepEqual(pushed.counts, { ok: 20, differs: 0, failed: 0, resumed: 0 });
      assert.match(pushed.results[0].summary, /schema created, applied 1 migration/);
      for (const s of schemas) assert.deepEqual(await versions(url, s), ['20240101000000']);
      const objects = await srv.query(url, `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname like 'tenant\\_%' and c.relname = 'accounts'`);
      assert.equal(objects.rows[0].n, 20);
      const untouched = await srv.query(url, `select to_regclass('supabase_migrations.schema_migrations') is null as none, to_regclass('public.accounts') is null as nothing_in_public`);
      assert.deepEqual(untouched.rows[0], { none: true, nothing_in_public: true }, 'the Supabase history and public are untouched');
      // The function found its tenant's table: search_path FROM CURRENT took the tenant's.
      await srv.query(url, `insert into tenant_04.accounts values (1, 'a@example.com', null), (2, 'b@example.com', null)`);
      assert.equal((await srv.query(url, 'select tenant_04.account_count()::int as n')).rows[0].n, 2);

      const clean = await runCli(['check', '--json', '--remote', url, ...tenantArgs], { cwd: dir });
      assert.equal(clean.code, 0, clean.stdout + clean.stderr);
      assert.equal(JSON.parse(clean.stdout).shadowsBuilt, 1, 'the template is built once for 20 schemas');

      // Drift on purpose: an index by hand, a column dropped, a history row deleted, a policy changed.
      await srv.query(url, 'create index accounts_note on tenant_03.accounts (note)');
      await srv.query(url, 'alter table tenant_07.accounts drop column note cascade');
      await srv.query(url, `delete from dbalign.tenant_schema_migrations where schema_name = 'tenant_12'`);
      await srv.query(url, `alter policy projects_mine on tenant_16.projects using (true)`);
      const drift = await runCli(['check', '--json', '--remote', url, ...tenantArgs, '--concurrency', '3'], { cwd: dir });
      assert.equal(drift.code, 2, drift.stderr);
      const r = JSON.parse(drift.stdout);
      const differs = r.results.filter((x: { status: string }) => x.status === 'differs').map((x: { target: string }) => x.target);
      assert.deepEqual(differs, ['tenant_03', 'tenant_07', 'tenant_12', 'tenant_16']);
      const summary = (t: string) => r.results.find((x: { target: string }) => x.target === t).summary as string;
      assert.match(summary('tenant_03'), /create index "tenant_03"\."accounts_note"/);
      assert.match(summary('tenant_07'), /"tenant_07"\."accounts"/);
      assert.match(summary('tenant_12'), /pending 20240101000000/);
      assert.match(summary('tenant_16'), /"tenant_16"\."projects"\."projects_mine"/);
      const sql = r.results.find((x: { target: string }) => x.target === 'tenant_03').details.schema.sql as string;
      assert.match(sql, /CREATE INDEX accounts_note ON tenant_03\.accounts/, 'the SQL is written for that tenant');
      assert.doesNotMatch(drift.stdout, /tenant_template/, 'no template name leaks into a tenant');

      // A migration that fails on tenant_05's data, and one after it.
      await srv.query(url, `insert into tenant_05.accounts values (1, null, null)`);
      await writeMigration(dir, '20240102000000_email_required.sql', 'alter table accounts alter column email set not null;');
      await writeMigration(dir, '20240103000000_audit.sql', 'create table audit (id bigint primary key, account int references accounts, at timestamptz not null);');
      await srv.query(url, `insert into dbalign.tenant_schema_migrations (schema_name, version, name) values ('tenant_12', '20240101000000', 'init')`);
      const second = await runCli(['push', '--yes', '--json', '--remote', url, ...tenantArgs, '--concurrency', '4', '--run-id', 'r2'], { cwd: dir });
      assert.equal(second.code, 1, second.stderr);
      const p2 = JSON.parse(second.stdout);
      assert.deepEqual(p2.counts, { ok: 19, differs: 0, failed: 1, resumed: 0 });
      const t5 = p2.results.find((x: { target: string }) => x.target === 'tenant_05');
      assert.equal(t5.status, 'failed');
      assert.match(t5.error, /20240102000000_email_required\.sql failed .*null value/);
      assert.equal(t5.schema, 'tenant_05');
      for (const s of schemas) {
        assert.deepEqual(await versions(url, s), s === 'tenant_05' ? ['20240101000000'] : ['20240101000000', '20240102000000', '20240103000000'], s);
      }
      const state5 = await srv.query(url, `select is_nullable, to_regclass('tenant_05.audit') is null as no_audit from information_schema.columns where table_schema = 'tenant_05' and table_name = 'accounts' and column_name = 'email'`);
      assert.deepEqual(state5.rows[0], { is_nullable: 'YES', no_audit: true }, 'the failed schema is as it was');
      const md = await fs.readFile(p2.reportFiles.markdown, 'utf8');
      assert.match(md, /## Failures\n\n- \*\*tenant_05\*\* \(.* schema tenant_05\): 20240102000000_email_required\.sql/);

      // Data fixed; the same run id: only tenant_05 runs.
      await srv.query(url, `update tenant_05.accounts set email = 'e@example.com'`);
      const third = await runCli(['push', '--yes', '--json', '--remote', url, ...tenantArgs, '--run-id', 'r2'], { cwd: dir });
      assert.equal(third.code, 0, third.stderr);
      assert.deepEqual(JSON.parse(third.stdout).counts, { ok: 20, differs: 0, failed: 0, resumed: 19 });
      assert.deepEqual(await versions(url, 'tenant_05'), ['20240101000000', '20240102000000', '20240103000000']);
      const lines = (await fs.readFile(path.join(path.dirname(p2.reportFiles.json), 'results.jsonl'), 'utf8')).trim().split('\n');
      assert.equal(lines.length, 21, 'the rerun ran only the schema not done');

      // Only the hand-made drift is left; align leaves those schemas, reports each.
      const left = await runCli(['align', '--yes', '--json', '--remote', url, ...tenantArgs], { cwd: dir });
      assert.equal(left.code, 2, left.stderr);
      const a = JSON.parse(left.stdout);
      assert.deepEqual(a.results.filter((x: { status: string }) => x.status === 'differs').map((x: { target: string }) => x.target), ['tenant_03', 'tenant_07', 'tenant_16']);
      assert.match(a.results.find((x: { target: string }) => x.target === 'tenant_03').summary, /left as it is: its schema has 1 change/);
      const everything = first.stdout + first.stderr + drift.stdout + drift.stderr + second.stdout + second.stderr + left.stdout + left.stderr;
      assert.ok(!everything.includes(password()), 'no password in output');
    });

    test('--tenant-schemas matches schemas in the database; align creates and fills a new tenant; shards split schemas', async () => {
      const dir = await makeProject({ 'supabase/migrations/20240101000000_init.sql': INIT });
      const url = await srv.createDatabase('pattern');
      await srv.query(url, 'create schema tenant_template; create schema tenant_a; create schema tenant_b; create schema tenantx; create schema reports');
      const args = ['--schema-template', 'tenant_template', '--tenant-schemas', 'tenant\\_%'];
      const r = await runCli(['align', '--yes', '--json', '--remote', url, ...args], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(report.results.map((x: { target: string }) => x.target), ['tenant_a', 'tenant_b'], 'the template, tenantx and reports are not tenants');
      assert.match(report.results[0].summary, /aligned: applied 1 migration/);
      const seen: string[] = [];
      for (const s of ['1/2', '2/2']) {
        const part = await runCli(['check', '--json', '--remote', url, ...args, '--shard', s], { cwd: dir });
        assert.equal(part.code, 0, part.stderr);
        seen.push(...JSON.parse(part.stdout).results.map((x: { target: string }) => x.target));
      }
      assert.deepEqual(seen.sort(), ['tenant_a', 'tenant_b']);
      // Over many databases: each database's matching schemas, named <database>#<schema>.
      await fs.writeFile(path.join(dir, 'targets.txt'), 'SHOP_DB_URL\n');
      const many = await runCli(['check', '--json', '--targets', 'targets.txt', ...args], { cwd: dir, env: { SHOP_DB_URL: url } });
      assert.equal(many.code, 0, many.stderr);
      assert.deepEqual(JSON.parse(many.stdout).results.map((x: { target: string }) => x.target), ['SHOP_DB_URL#tenant_a', 'SHOP_DB_URL#tenant_b']);
      const none = await runCli(['check', '--remote', url, '--schema-template', 'tenant_template', '--tenant-schemas', 'nobody%'], { cwd: dir });
      assert.equal(none.code, 1);
      assert.match(none.stderr, /^error: no schema matches --tenant-schemas 'nobody%'/);
    });

    test('bad tenant input: a qualified template name, a missing list, a shared schema as tenant: one line, nothing written', async () => {
      const dir = await makeProject({
        'supabase/migrations/20240101000000_init.sql': INIT,
        'supabase/migrations/20240102000000_bad.sql': 'create table tenant_template.leak (id int);',
        'tenants.txt': 'tenant_x\n',
      });
      const url = await srv.createDatabase('bad');
      const r = await runCli(['push', '--yes', '--remote', url, ...tenantArgs], { cwd: dir });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^error: 20240102000000_bad\.sql line 1 names "tenant_template\.leak" with the template schema: write it unqualified/);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      const nothing = await srv.query(url, `select to_regnamespace('tenant_x') is null as a, to_regclass('dbalign.tenant_schema_migrations') is null as b`);
      assert.deepEqual(nothing.rows[0], { a: true, b: true });
      const noList = await runCli(['check', '--remote', url, '--schema-template', 'tenant_template'], { cwd: dir });
      assert.match(noList.stderr, /^error: give the tenant schemas with one of --tenants FILE or --tenant-schemas PATTERN/);
      const noTemplate = await runCli(['check', '--remote', url, '--tenants', 'tenants.txt'], { cwd: dir });
      assert.match(noTemplate.stderr, /need --schema-template NAME/);
      await fs.writeFile(path.join(dir, 'tenants.txt'), 'tenant_x\npublic\n');
      const shared = await runCli(['check', '--remote', url, ...tenantArgs], { cwd: dir });
      assert.match(shared.stderr, /^error: tenants\.txt line 2: "public" is a shared schema/);
    });
  });
}
