/**
 * Schema-per-tenant on one embedded server: one database, 200 tenant
 * schemas that `push --schema-template` creates and migrates, one in ten
 * then drifted on purpose in one of four ways. Times the push, then
 * `check` over 50, 100 and 200 of the schemas (process start to exit), and
 * asserts that each check reports every drifted schema and no other.
 *
 *   npm run bench:tenants        (SIZES=20,50 npm run bench:tenants for a quicker run)
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { query as exec } from '../test/helpers/pg.js';
import { benchServer, runCli } from './cli.js';

const SIZES = (process.env.SIZES ?? '50,100,200').split(',').map(Number);
const CONCURRENCY = process.env.CONCURRENCY ?? '4';
const total = Math.max(...SIZES);

// The fleet bench's migrations, written against the template schema with unqualified names.
const MIGRATIONS: Record<string, string> = {
  '20240101000000_accounts.sql': `create table accounts (id bigint generated always as identity primary key, email text not null unique, created_at timestamptz not null default now());`,
  '20240102000000_projects.sql': `create table projects (id bigint generated always as identity primary key, account bigint not null references accounts on delete cascade, name text not null, archived boolean not null default false);
create index projects_account on projects (account);`,
  '20240103000000_tasks.sql': `create type task_state as enum ('open', 'doing', 'done');
create table tasks (id bigint generated always as identity primary key, project bigint not null references projects on delete cascade, title text not null, state task_state not null default 'open', due date);
create index tasks_project_state on tasks (project, state);`,
  '20240104000000_views.sql': `create view open_tasks as select t.id, t.title, p.name as project from tasks t join projects p on p.id = t.project where t.state <> 'done';
create function touch() returns trigger language plpgsql set search_path from current as $$ begin new.created_at := now(); return new; end $$;
create trigger accounts_touch before insert on accounts for each row execute function touch();`,
  '20240105000000_rls.sql': `alter table projects enable row level security;
create policy projects_owner on projects using (account = current_setting('app.account', true)::bigint);`,
};

const DRIFT = [
  (s: string) => `create index tasks_due on ${s}.tasks (due)`,
  (s: string) => `alter table ${s}.projects drop column archived`,
  (s: string) => `delete from dbalign.tenant_schema_migrations where schema_name = '${s}' and version = '20240105000000'`,
  (s: string) => `alter table ${s}.accounts alter column email type varchar(320)`,
];

const { root, server, done } = await benchServer(17);
try {
  const project = path.join(root, 'project');
  fs.mkdirSync(path.join(project, 'supabase', 'migrations'), { recursive: true });
  for (const [file, sql] of Object.entries(MIGRATIONS)) fs.writeFileSync(path.join(project, 'supabase', 'migrations', file), sql + '\n');
  await exec(server.url('postgres'), 'create database tenants');
  const url = server.url('tenants');
  const schemas = Array.from({ length: total }, (_, i) => `tenant_${String(i + 1).padStart(3, '0')}`);
  const all = path.join(project, `tenants-${total}.txt`);
  fs.writeFileSync(all, schemas.join('\n') + '\n');
  const tenancy = ['--remote', url, '--schema-template', 'tenant_template'];

  // A first check initialises the project's shadow server (initdb), a cost paid once per project, not per run.
  fs.writeFileSync(path.join(project, 'tenants-warm.txt'), 'tenant_warm\n');
  runCli(['check', ...tenancy, '--tenants', path.join(project, 'tenants-warm.txt')], project);

  const push = runCli(['push', '--yes', '--json', ...tenancy, '--tenants', all, '--concurrency', CONCURRENCY], project);
  const pushed = JSON.parse(push.stdout);
  assert.deepEqual(pushed.counts, { ok: total, differs: 0, failed: 0, resumed: 0 });
  console.log(`push: ${total} schemas created and migrated (5 migrations each) in ${(push.ms / 1000).toFixed(1)} s (${(push.ms / total).toFixed(0)} ms per schema; CPU ${(push.cpuMs / 1000).toFixed(1)} s), load average ${os.loadavg()[0]!.toFixed(1)}, peak RSS ${push.peakMB} MB`);

  const drifted = new Set<string>();
  for (let i = 1; i <= total; i++) {
    if (i % 10 !== 7) continue;
    const s = schemas[i - 1]!;
    await exec(url, DRIFT[(i - 7) / 10 % DRIFT.length]!(s));
    drifted.add(s);
  }
  for (const n of SIZES) {
    const names = schemas.slice(0, n);
    const file = path.join(project, `tenants-${n}.txt`);
    fs.writeFileSync(file, names.join('\n') + '\n');
    const run = runCli(['check', '--json', ...tenancy, '--tenants', file, '--concurrency', CONCURRENCY], project);
    const report = JSON.parse(run.stdout);
    const reported = report.results.filter((r: { status: string }) => r.status === 'differs').map((r: { target: string }) => r.target).sort();
    const expected = names.filter((x) => drifted.has(x)).sort();
    assert.equal(report.counts.failed, 0, 'no schema failed');
    assert.deepEqual(reported, expected, 'every drifted schema reported, and no other');
    assert.equal(report.shadowsBuilt, 1, 'one template build for every schema');
    console.log(`check ${n} schemas: ${(run.ms / 1000).toFixed(1)} s (${(run.ms / n).toFixed(0)} ms per schema; CPU ${(run.cpuMs / 1000).toFixed(1)} s, ${(run.cpuMs / n).toFixed(0)} ms per schema), load average ${os.loadavg()[0]!.toFixed(1)}, ${reported.length} drifted reported of ${expected.length}, peak RSS ${run.peakMB} MB`);
  }
} finally {
  await done();
}
