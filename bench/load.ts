/**
 * Load figures for the README: push of 1,000 migrations, status over 10,000
 * history rows, backup and restore of a 1 GB table. Each command runs as a
 * user would run it (the built CLI), timed, with its peak memory.
 *
 *   npm run bench:load        (GB=0.1 npm run bench:load for a quicker run)
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { query as exec } from '../test/helpers/pg.js';
import { benchServer, runCli } from './cli.js';

const GB = Number(process.env.GB ?? 1);

const fmt = (r: { ms: number; peakMB: number }) => `${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.peakMB} MB`;

const { root, server, done } = await benchServer(17);
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
  const push = runCli(['push', '--yes', '--no-backup', '--remote', server.url('push1000')], p1);
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
  const status = runCli(['status', '--json', '--remote', server.url('status10k')], p2);
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
  const backup = runCli(['backup', '--json', '--remote', server.url('big'), '--out', out], p1);
  const b = JSON.parse(backup.stdout);
  console.log(`backup: ${fmt(backup)}, ${b.rows} rows, ${(b.bytes / 1e6).toFixed(0)} MB compressed`);
  const restore = runCli(['restore', out, '--to', server.url('restored'), '--json'], p1);
  console.log(`restore (with read-back verification): ${fmt(restore)}, verified: ${JSON.parse(restore.stdout).verified}`);
} finally {
  await done();
}
