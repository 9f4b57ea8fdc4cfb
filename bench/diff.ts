/**
 * The diff benchmark: a schema of 20 copies of a 150-table application
 * (3,000 tables, 15,000 indexes, 700 views) on an embedded PostgreSQL 15,
 * timed against pg_dump --schema-only of the same database.
 *
 *   npm run bench            (COPIES=5 npm run bench for a quicker run)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbedded, stopEmbedded } from '../src/db/embedded.js';
import { query as exec } from '../test/helpers/pg.js';
import { appSchema, TABLES, VIEWS } from './schema.js';

const COPIES = Number(process.env.COPIES ?? 20);
const RUNS = Number(process.env.RUNS ?? 3);
const here = path.dirname(fileURLToPath(import.meta.url));


function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function pgDump(): string | null {
  for (const p of ['/usr/lib/postgresql/15/bin/pg_dump', 'pg_dump']) {
    try {
      const v = execFileSync(p, ['--version']).toString();
      if (/ 15\./.test(v)) return p;
    } catch {
      // not there
    }
  }
  return null;
}

function measure(from: string, to: string): { ms: number; maxRssMB: number; steps: number; objects: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'measure.ts'), from, to], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dbalign-bench-'));
fs.chmodSync(root, 0o755);
const dataDir = path.join(root, 'data');
const server = await startEmbedded({ dataDir, major: 15 });
try {
  const admin = server.url('postgres');
  await exec(admin, 'create database big');
  await exec(admin, 'create database empty');
  const big = server.url('big');
  const t0 = performance.now();
  for (let i = 0; i < COPIES; i++) await exec(big, appSchema(`app_${String(i).padStart(2, '0')}`));
  const counts = new pg.Client({ connectionString: big });
  await counts.connect();
  const c = (await counts.query(`select
      (select count(*) from pg_class where relkind = 'r' and relnamespace::regnamespace::text like 'app_%')::int as tables,
      (select count(*) from pg_class where relkind = 'i' and relnamespace::regnamespace::text like 'app_%')::int as indexes,
      (select count(*) from pg_class where relkind = 'v' and relnamespace::regnamespace::text like 'app_%')::int as views`)).rows[0];
  await counts.end();
  console.log(`schema: ${COPIES} copies x ${TABLES} tables, ${VIEWS} views -> ${c.tables} tables, ${c.indexes} indexes, ${c.views} views (built in ${Math.round(performance.now() - t0)} ms)`);

  const dump = pgDump();
  const dumpMs: number[] = [];
  if (dump) {
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      execFileSync(dump, ['--schema-only', '-d', big], { maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'inherit'] });
      dumpMs.push(performance.now() - t);
    }
    console.log(`pg_dump --schema-only: median ${Math.round(median(dumpMs))} ms over ${RUNS} runs`);
  } else {
    console.log('pg_dump 15 not found: its time is not measured');
  }
  const self = Array.from({ length: RUNS }, () => measure(big, big));
  console.log(`diff big -> big (self): median ${median(self.map((r) => r.ms))} ms, peak RSS ${Math.max(...self.map((r) => r.maxRssMB))} MB, ${self[0]!.steps} steps, ${self[0]!.objects} objects`);
  const fromEmpty = Array.from({ length: RUNS }, () => measure(server.url('empty'), big));
  console.log(`diff empty -> big: median ${median(fromEmpty.map((r) => r.ms))} ms, peak RSS ${Math.max(...fromEmpty.map((r) => r.maxRssMB))} MB, ${fromEmpty[0]!.steps} steps`);
  if (dumpMs.length) {
    const d = median(dumpMs);
    console.log(`ratios to pg_dump: self ${(median(self.map((r) => r.ms)) / d).toFixed(2)}, from empty ${(median(fromEmpty.map((r) => r.ms)) / d).toFixed(2)}`);
  }
} finally {
  await stopEmbedded(dataDir, true);
  fs.rmSync(root, { recursive: true, force: true });
}
