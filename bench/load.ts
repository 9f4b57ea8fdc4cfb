/**
 * Load figures for the README: push of 1,000 migrations, status over 10,000
 * history rows, backup and restore of a 1 GB table. Each command runs as a
 * user would run it (the built CLI), timed, with its peak memory.
 *
 *   npm run bench:load        (GB=0.1 npm run bench:load for a quicker run)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbedded, stopEmbedded } from '../src/db/embedded.js';
import { query as exec } from '../test/helpers/pg.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli', 'main.js');
const GB = Number(process.env.GB ?? 1);

function hasGnuTime(): boolean {
  try {
    execFileSync('/usr/bin/time', ['-f', '%M', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const gnuTime = hasGnuTime();

/** Runs the CLI; returns wall time and peak RSS (MB, when GNU time is there). */
function run(args: string[], cwd: string): { s: number; rssMB: number | null; stdout: string } {
  const t = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'RSS %M', process.execPath, cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const s = (performance.now() - t) / 1000;
  if (r.status !== 0 && r.status !== 2) throw new Error(`dbalign ${args[0]} failed: ${r.stderr}`);
  const rss = /RSS (\d+)/.exec(r.stderr ?? '');
  return { s, rssMB: rss ? Math.round(Number(rss[1]) / 1024) : null, stdout: r.stdout };
}

const fmt = (r: { s: number; rssMB: number | null }) => `${r.s.toFixed(1)} s, peak RSS ${r.rssMB ?? 'n/a'} MB`;


const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dbalign-load-'));
fs.chmodSync(root, 0o755);
const dataDir = path.join(root, 'data');
const server = await startEmbedded({ dataDir, major: 17 });
try {
  const admin = server.url('postgres');
  for (const db of ['push1000', 'status10k', 'big', 'restored']) await exec(admin, `create database ${db}`);

  // push of 1,000 migrations
  const p1 = path.join(root, 'p1');
  fs.mkdirSync(path.join(p1, 'supabase', 'migrations'), { recursive: true });
  for (let i = 0; i < 1000; i++) {
    const v = String(20240101000000 + i * 100);
    fs.writeFileSync(path.join(p1, 'supabase', 'migrations', `${v}_m${i}.sql`), `create table t${i} (id bigint primary key, name text not null);\ncreate index t${i}_name on t${i} (name);\ncomment on table t${i} is 'migration ${i}';\n`);
  }
  const push = run(['push', '--yes', '--no-backup', '--remote', server.url('push1000')], p1);
  console.log(`push of 1,000 migrations: ${fmt(push)}`);

  // status over 10,000 history rows (and 10,000 files)
  const p2 = path.join(root, 'p2');
  fs.mkdirSync(path.join(p2, 'supabase', 'migrations'), { recursive: true });
  const rows: string[] = [];
  for (let i = 0; i < 10000; i++) {
    const v = String(20200101000000 + i * 100);
    const sql = `alter table items add column c${i} text`;
    fs.writeFileSync(path.join(p2, 'supabase', 'migrations', `${v}_m${i}.sql`), sql + ';\n');
    rows.push(`('${v}', 'm${i}', array['${sql}'])`);
  }
  await exec(server.url('status10k'), `create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
    insert into supabase_migrations.schema_migrations (version, name, statements) values ${rows.join(',')}`);
  const status = run(['status', '--json', '--remote', server.url('status10k')], p2);
  console.log(`status over 10,000 history rows: ${fmt(status)} (aligned: ${JSON.parse(status.stdout).aligned})`);

  // backup and restore of a GB-sized table
  const rowsNeeded = Math.round((GB * 1e9) / 210);
  const t = performance.now();
  await exec(server.url('big'), `create table events (id bigint primary key, at timestamptz not null, kind text not null, payload text not null)`);
  for (let done = 0; done < rowsNeeded; done += 1_000_000) {
    const n = Math.min(1_000_000, rowsNeeded - done);
    await exec(server.url('big'), `insert into events select g, now() - g * interval '1 second', 'kind' || (g % 17), repeat(md5(g::text), 5) from generate_series(${done + 1}, ${done + n}) g`);
  }
  const size = new pg.Client({ connectionString: server.url('big') });
  await size.connect();
  const bytes = Number((await size.query(`select pg_table_size('events') as b`)).rows[0].b);
  await size.end();
  console.log(`table: ${rowsNeeded} rows, ${(bytes / 1e9).toFixed(2)} GB on disk (built in ${((performance.now() - t) / 1000).toFixed(0)} s)`);
  const out = path.join(root, 'backup');
  const backup = run(['backup', '--json', '--remote', server.url('big'), '--out', out], p1);
  const b = JSON.parse(backup.stdout);
  console.log(`backup: ${fmt(backup)}, ${b.rows} rows, ${(b.bytes / 1e6).toFixed(0)} MB compressed`);
  const restore = run(['restore', out, '--to', server.url('restored'), '--json'], p1);
  console.log(`restore (with read-back verification): ${fmt(restore)}, verified: ${JSON.parse(restore.stdout).verified}`);
} finally {
  await stopEmbedded(dataDir, true);
  fs.rmSync(root, { recursive: true, force: true });
}
