/**
 * The diff benchmark, on two schemas of about 3,000 tables each on an embedded PostgreSQL 15:
 * - apps: 20 copies of a 150-table application (3,000 tables, 15,000 indexes, 700 views);
 * - partitioned: 12 copies of a 225-table application with partitioned tables and their
 *   partitions and partition indexes, wide tables, views over joins and materialized views
 *   (2,700 tables, about 15,000 indexes, 660 views, 20 materialized views).
 * Times the real commands, `dbalign snapshot --db URL` and `dbalign diff --from URL --to URL`,
 * from process start to exit, against `pg_dump --schema-only` of the same database, run in
 * turn so all see the same machine load.
 *
 *   npm run bench            (SCHEMAS=partitioned, RUNS=3 or COPIES=5 for a quicker run)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { query as exec } from '../test/helpers/pg.js';
import { benchServer, runCli } from './cli.js';
import { appSchema, TABLES, VIEWS } from './schema.js';
import { matviewsIn, partitionedSchema } from './partitioned-schema.js';

const RUNS = Number(process.env.RUNS ?? 5);
const SCHEMAS = (process.env.SCHEMAS ?? 'apps,partitioned').split(',').map((s) => s.trim());
/** Copies of each schema's application (COPIES scales both down alike). */
const SCALE = process.env.COPIES ? Number(process.env.COPIES) / 20 : 1;

interface BenchSchema {
  name: string;
  copies: number;
  build(copy: number): string;
  describe: string;
}

const BENCH_SCHEMAS: BenchSchema[] = [
  { name: 'apps', copies: Math.round(20 * SCALE), build: (i) => appSchema(`app_${String(i).padStart(2, '0')}`), describe: `copies of ${TABLES} tables, ${VIEWS} views` },
  { name: 'partitioned', copies: Math.max(1, Math.round(12 * SCALE)), build: (i) => partitionedSchema(`ledger_${String(i).padStart(2, '0')}`, i), describe: 'copies of 160 tables and 5 partitioned ones of 12 partitions, 55 views, 1-2 materialized views' },
];

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

interface Timed {
  ms: number;
  peakMB: number;
  statements: number;
}

/** One `dbalign diff` process: wall time, peak memory and the statements it printed. */
function timeDiff(from: string, to: string): Timed {
  const r = runCli(['diff', '--from', from, '--to', to, '--exit-code']);
  return { ms: r.ms, peakMB: r.peakMB, statements: (r.stdout.match(/;\n/g) ?? []).length };
}

/** One `dbalign snapshot` process, writing the JSON as a user would. */
function timeSnapshot(db: string, out: string): Timed {
  const r = runCli(['snapshot', '--db', db, '--out', out]);
  return { ms: r.ms, peakMB: r.peakMB, statements: 0 };
}

const { root, server, done } = await benchServer(15);
try {
  const admin = server.url('postgres');
  await exec(admin, 'create database empty');
  const empty = server.url('empty');
  const dump = pgDump();
  if (!dump) console.log('pg_dump 15 not found: its time is not measured');
  console.log(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  for (const s of BENCH_SCHEMAS.filter((x) => SCHEMAS.includes(x.name))) {
    await exec(admin, `create database ${s.name}`);
    const big = server.url(s.name);
    const t0 = performance.now();
    for (let i = 0; i < s.copies; i++) await exec(big, s.build(i));
    // Statistics as autovacuum leaves them on a live database, for the catalogs too.
    await exec(big, 'analyze');
    const counts = new pg.Client({ connectionString: big });
    await counts.connect();
    const c = (await counts.query(`with r as (select c.relkind, c.relispartition from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_toast')
      select count(*) filter (where relkind in ('r', 'p'))::int as tables, count(*) filter (where relkind = 'p')::int as partitioned,
        count(*) filter (where relkind = 'r' and relispartition)::int as partitions,
        count(*) filter (where relkind in ('i', 'I'))::int as indexes, count(*) filter (where relkind = 'I' or (relkind = 'i' and relispartition))::int as partition_indexes,
        count(*) filter (where relkind = 'v')::int as views, count(*) filter (where relkind = 'm')::int as matviews,
        (select count(*) from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_toast')::int as columns
      from r`)).rows[0];
    await counts.end();
    console.log(`\n[${s.name}] ${s.copies} ${s.describe} -> ${c.tables} tables (${c.partitioned} partitioned, ${c.partitions} partitions), ${c.columns} columns, ${c.indexes} indexes (${c.partition_indexes} of partitions or partitioned), ${c.views} views, ${c.matviews} materialized views (built in ${Math.round(performance.now() - t0)} ms)`);

    const out = path.join(root, `${s.name}.json`);
    const dumpMs: number[] = [];
    const snap: Timed[] = [];
    const self: Timed[] = [];
    const fromEmpty: Timed[] = [];
    // One warm-up of each, then the measured runs in turn.
    if (dump) timeDump(dump, big);
    timeSnapshot(big, out);
    timeDiff(big, big);
    for (let i = 0; i < RUNS; i++) {
      if (dump) dumpMs.push(timeDump(dump, big));
      snap.push(timeSnapshot(big, out));
      self.push(timeDiff(big, big));
      fromEmpty.push(timeDiff(empty, big));
    }
    const ms = (xs: number[]) => `${Math.round(median(xs))} ms`;
    const peak = (rs: Timed[]) => `${Math.max(...rs.map((r) => r.peakMB))} MB`;
    if (dump) console.log(`pg_dump --schema-only: median ${ms(dumpMs)} over ${RUNS} runs`);
    console.log(`dbalign snapshot: median ${ms(snap.map((r) => r.ms))}, peak RSS ${peak(snap)}`);
    console.log(`dbalign diff self: median ${ms(self.map((r) => r.ms))}, peak RSS ${peak(self)}, ${self[0]!.statements} statements`);
    console.log(`dbalign diff empty -> it: median ${ms(fromEmpty.map((r) => r.ms))}, peak RSS ${peak(fromEmpty)}, ${fromEmpty[0]!.statements} statements`);
    if (dumpMs.length) {
      const d = median(dumpMs);
      const r = (xs: Timed[]) => (median(xs.map((x) => x.ms)) / d).toFixed(2);
      console.log(`ratios to pg_dump: snapshot ${r(snap)}, self ${r(self)}, from empty ${r(fromEmpty)}`);
    }
    console.log(`load average: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  }
} finally {
  await done();
}
