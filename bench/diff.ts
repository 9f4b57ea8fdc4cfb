/**
 * The diff benchmark: a schema of 20 copies of a 150-table application
 * (3,000 tables, 15,000 indexes, 700 views) on an embedded PostgreSQL 15.
 * Times the real command, `dbalign diff --from URL --to URL`, from process
 * start to exit, against `pg_dump --schema-only` of the same database, run
 * in turn so both see the same machine load.
 *
 *   npm run bench            (COPIES=5 npm run bench for a quicker run)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import pg from 'pg';
import { query as exec } from '../test/helpers/pg.js';
import { benchServer, runCli } from './cli.js';
import { appSchema, TABLES, VIEWS } from './schema.js';

const COPIES = Number(process.env.COPIES ?? 20);
const RUNS = Number(process.env.RUNS ?? 5);

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

function timeDump(dump: string, url: string): number {
  const t = performance.now();
  const r = spawnSync(dump, ['--schema-only', '-d', url], { maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(String(r.stderr));
  return performance.now() - t;
}

/** One `dbalign diff` process: wall time, peak memory and the statements it printed. */
function timeDiff(from: string, to: string): { ms: number; peakMB: number; statements: number } {
  const r = runCli(['diff', '--from', from, '--to', to, '--exit-code']);
  return { ms: r.ms, peakMB: r.peakMB, statements: (r.stdout.match(/;\n/g) ?? []).length };
}

const { server, done } = await benchServer(15);
try {
  const admin = server.url('postgres');
  await exec(admin, 'create database big');
  await exec(admin, 'create database empty');
  const big = server.url('big');
  const t0 = performance.now();
  for (let i = 0; i < COPIES; i++) await exec(big, appSchema(`app_${String(i).padStart(2, '0')}`));
  // Statistics as autovacuum leaves them on a live database, for the catalogs too.
  await exec(big, 'analyze');
  const counts = new pg.Client({ connectionString: big });
  await counts.connect();
  const c = (await counts.query(`select
      (select count(*) from pg_class where relkind = 'r' and relnamespace::regnamespace::text like 'app_%')::int as tables,
      (select count(*) from pg_class where relkind = 'i' and relnamespace::regnamespace::text like 'app_%')::int as indexes,
      (select count(*) from pg_class where relkind = 'v' and relnamespace::regnamespace::text like 'app_%')::int as views`)).rows[0];
  await counts.end();
  console.log(`schema: ${COPIES} copies x ${TABLES} tables, ${VIEWS} views -> ${c.tables} tables, ${c.indexes} indexes, ${c.views} views (built in ${Math.round(performance.now() - t0)} ms)`);

  const dump = pgDump();
  if (!dump) console.log('pg_dump 15 not found: its time is not measured');
  const empty = server.url('empty');
  const dumpMs: number[] = [];
  const self: ReturnType<typeof timeDiff>[] = [];
  const fromEmpty: ReturnType<typeof timeDiff>[] = [];
  // One warm-up of each, then the measured runs in turn.
  if (dump) timeDump(dump, big);
  timeDiff(big, big);
  for (let i = 0; i < RUNS; i++) {
    if (dump) dumpMs.push(timeDump(dump, big));
    self.push(timeDiff(big, big));
    fromEmpty.push(timeDiff(empty, big));
  }
  const ms = (xs: number[]) => `${Math.round(median(xs))} ms`;
  const peak = (rs: ReturnType<typeof timeDiff>[]) => `${Math.max(...rs.map((r) => r.peakMB))} MB`;
  if (dump) console.log(`pg_dump --schema-only: median ${ms(dumpMs)} over ${RUNS} runs`);
  console.log(`dbalign diff big -> big (self): median ${ms(self.map((r) => r.ms))}, peak RSS ${peak(self)}, ${self[0]!.statements} statements`);
  console.log(`dbalign diff empty -> big: median ${ms(fromEmpty.map((r) => r.ms))}, peak RSS ${peak(fromEmpty)}, ${fromEmpty[0]!.statements} statements`);
  if (dumpMs.length) {
    const d = median(dumpMs);
    console.log(`ratios to pg_dump: self ${(median(self.map((r) => r.ms)) / d).toFixed(2)}, from empty ${(median(fromEmpty.map((r) => r.ms)) / d).toFixed(2)}`);
  }
} finally {
  await done();
}
