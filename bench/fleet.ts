/**
 * `dbalign check --targets` over a fleet on one embedded server: 500
 * databases with the same migrations (copies of a template database the
 * migrations were pushed to), one in ten drifted on purpose in one of four
 * ways. Checks 100, 250 and 500 of them, timed from process start to exit,
 * and asserts that each run reports every drifted database and no other.
 *
 *   npm run bench:fleet        (SIZES=20,50 npm run bench:fleet for a quicker run)
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { query as exec } from '../test/helpers/pg.js';
import { benchServer, runCli } from './cli.js';

const SIZES = (process.env.SIZES ?? '100,250,500').split(',').map(Number);
const CONCURRENCY = process.env.CONCURRENCY ?? '4';
const total = Math.max(...SIZES);

const MIGRATIONS: Record<string, string> = {
  '20240101000000_accounts.sql': `create table accounts (id bigint generated always as identity primary key, email text not null unique, created_at timestamptz not null default now());`,
  '20240102000000_projects.sql': `create table projects (id bigint generated always as identity primary key, account bigint not null references accounts on delete cascade, name text not null, archived boolean not null default false);
create index projects_account on projects (account);`,
  '20240103000000_tasks.sql': `create type task_state as enum ('open', 'doing', 'done');
create table tasks (id bigint generated always as identity primary key, project bigint not null references projects on delete cascade, title text not null, state task_state not null default 'open', due date);
create index tasks_project_state on tasks (project, state);`,
  '20240104000000_views.sql': `create view open_tasks as select t.id, t.title, p.name as project from tasks t join projects p on p.id = t.project where t.state <> 'done';
create function touch() returns trigger language plpgsql as $$ begin new.created_at := now(); return new; end $$;
create trigger accounts_touch before insert on accounts for each row execute function touch();`,
  '20240105000000_rls.sql': `alter table projects enable row level security;
create policy projects_owner on projects using (account = current_setting('app.account', true)::bigint);`,
};

/** The four kinds of drift, in turn: an index by hand, a dropped column, a history row deleted, a column type changed. */
const DRIFT = [
  `create index tasks_due on tasks (due)`,
  `alter table projects drop column archived`,
  `delete from supabase_migrations.schema_migrations where version = '20240105000000'`,
  `alter table accounts alter column email type varchar(320)`,
];

const { root, server, done } = await benchServer(17);
try {
  const admin = server.url('postgres');
  const project = path.join(root, 'project');
  fs.mkdirSync(path.join(project, 'supabase', 'migrations'), { recursive: true });
  for (const [file, sql] of Object.entries(MIGRATIONS)) fs.writeFileSync(path.join(project, 'supabase', 'migrations', file), sql + '\n');

  // The template: the migrations pushed by dbalign itself, history rows included.
  await exec(admin, 'create database fleet_template');
  runCli(['push', '--yes', '--no-backup', '--remote', server.url('fleet_template')], project);
  let t = performance.now();
  const drifted = new Set<string>();
  for (let i = 1; i <= total; i++) {
    const db = `tenant_${String(i).padStart(3, '0')}`;
    // FILE_COPY: a copy of the template's files, without writing each one to the WAL.
    await exec(admin, `create database ${db} template fleet_template strategy file_copy`);
    const name = `TENANT_${String(i).padStart(3, '0')}_URL`;
    process.env[name] = server.url(db);
    if (i % 10 === 7) {
      await exec(server.url(db), DRIFT[(i - 7) / 10 % DRIFT.length]!);
      drifted.add(name);
    }
  }
  console.log(`created ${total} databases from the template in ${((performance.now() - t) / 1000).toFixed(1)} s; ${drifted.size} drifted`);
  // A first check initialises the project's shadow server (initdb), a cost paid once per project, not per run.
  fs.writeFileSync(path.join(project, 'targets-warm.txt'), 'TENANT_001_URL\n');
  runCli(['check', '--targets', path.join(project, 'targets-warm.txt')], project);

  for (const n of SIZES) {
    const names = Array.from({ length: n }, (_, i) => `TENANT_${String(i + 1).padStart(3, '0')}_URL`);
    const file = path.join(project, `targets-${n}.txt`);
    fs.writeFileSync(file, names.join('\n') + '\n');
    t = performance.now();
    const run = runCli(['check', '--json', '--targets', file, '--concurrency', CONCURRENCY], project);
    const report = JSON.parse(run.stdout);
    const reported = report.results.filter((r: { status: string }) => r.status === 'differs').map((r: { target: string }) => r.target).sort();
    const expected = names.filter((x) => drifted.has(x)).sort();
    assert.equal(report.counts.failed, 0, 'no target failed');
    assert.deepEqual(reported, expected, 'every drifted database reported, and no other');
    assert.equal(report.shadowsBuilt, 1, 'one shadow for the whole fleet');
    const line = `${n} targets: ${(run.ms / 1000).toFixed(1)} s (${(run.ms / n).toFixed(0)} ms per target; dbalign's own CPU ${(run.cpuMs / 1000).toFixed(1)} s, ${(run.cpuMs / n).toFixed(0)} ms per target), load average ${os.loadavg()[0]!.toFixed(1)}, ${reported.length} drifted reported of ${expected.length}, peak RSS ${run.peakMB} MB`;
    console.log(line);
  }
} finally {
  await done();
}
