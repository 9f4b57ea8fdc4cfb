/**
 * The diff engine's round-trip check, shared by its test files: load a.sql
 * into database A and b.sql into B, plan A→B, apply it to A, then a second
 * diff must be empty and (when a matching pg_dump is installed) both schema
 * dumps must hold the same statements.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { readSnapshot } from '../../src/catalog/read.js';
import type { Scope, Snapshot } from '../../src/catalog/types.js';
import { diffSnapshots } from '../../src/diff/diff.js';
import { applyPlan } from '../../src/plan/apply.js';
import { planChanges } from '../../src/plan/plan.js';
import { renderPlan } from '../../src/plan/render.js';
import type { Plan } from '../../src/plan/types.js';
import type { TestServer } from './pg.js';

const run = promisify(execFile);

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function snapshotOf(url: string, scope: Scope): Promise<Snapshot> {
  return withClient(url, (c) => readSnapshot(c, scope));
}

export async function planBetween(fromUrl: string, toUrl: string, scope: Scope): Promise<{ plan: Plan; sql: string; from: Snapshot; to: Snapshot }> {
  const from = await snapshotOf(fromUrl, scope);
  const to = await snapshotOf(toUrl, scope);
  const plan = planChanges(diffSnapshots(from, to, { withOwners: scope.withOwners }), from, to, { withOwners: scope.withOwners });
  return { plan, sql: renderPlan(plan), from, to };
}

const dumpPaths = new Map<number, string | null>();

/** A pg_dump whose major matches the server's, or null (PostgreSQL refuses dumps across majors). */
export async function pgDumpFor(major: number): Promise<string | null> {
  if (dumpPaths.has(major)) return dumpPaths.get(major)!;
  const candidates = [`/usr/lib/postgresql/${major}/bin/pg_dump`, 'pg_dump'];
  let found: string | null = null;
  for (const bin of candidates) {
    if (bin.startsWith('/') && !fs.existsSync(bin)) continue;
    try {
      const { stdout } = await run(bin, ['--version']);
      const m = /(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^0-9]*/, ''));
      if (m && Number(m[1]) === major) {
        found = bin;
        break;
      }
    } catch {
      // not installed
    }
  }
  dumpPaths.set(major, found);
  return found;
}

/** pg_dump --schema-only as a sorted list of normalised statements. */
export async function dumpStatements(bin: string, url: string, scope: Scope = { profile: 'plain' }): Promise<string[]> {
  const args = ['--schema-only', ...(scope.withOwners ? [] : ['--no-owner'])];
  for (const s of scope.includeSchemas ?? []) args.push('--schema', s);
  for (const s of scope.excludeSchemas ?? []) args.push('--exclude-schema', s);
  const { stdout } = await run(bin, [...args, url], { maxBuffer: 64 * 1024 * 1024 });
  return normaliseDump(stdout);
}

export function normaliseDump(dump: string): string[] {
  const lines = dump
    .split('\n')
    .filter((l) => !l.startsWith('--') && !l.startsWith('\\') && l.trim() !== '');
  // Statements end with ';' at the end of a line outside dollar quotes.
  const statements: string[] = [];
  let current: string[] = [];
  let dollar: string | null = null;
  for (const line of lines) {
    current.push(line);
    for (const m of line.matchAll(/\$[A-Za-z_0-9]*\$/g)) {
      if (dollar === null) dollar = m[0];
      else if (dollar === m[0]) dollar = null;
    }
    if (dollar === null && line.trimEnd().endsWith(';')) {
      statements.push(current.join('\n'));
      current = [];
    }
  }
  if (current.length) statements.push(current.join('\n'));
  return statements
    .filter((st) => !/^SET /.test(st) && !/^SELECT pg_catalog\.set_config/.test(st))
    .map(normaliseCreateTable)
    .sort();
}

/** Column order inside CREATE TABLE differs when columns were added later: compare as a set. */
function normaliseCreateTable(st: string): string {
  const m = /^(CREATE (?:UNLOGGED )?TABLE [^\n]*\(\n)([\s\S]*?)(\n\)[^\n]*;?)$/.exec(st);
  if (!m) return st;
  const items = m[2]!.split('\n').map((l) => l.trim().replace(/,$/, ''));
  return m[1] + items.sort().join(',\n') + m[3];
}

export interface CaseOptions {
  scope?: Scope;
  /** Runs before a.sql / b.sql in each database (e.g. roles, extensions). */
  setup?: string;
}

export interface DirectionResult {
  sql: string;
  secondDiff: string;
  dumpDiff: { onlyFrom: string[]; onlyTo: string[] } | null;
  dumpSkipped: string | null;
}

/** One direction of a case: plan from→to, apply it to `from`, and check. */
export async function checkDirection(server: TestServer, fromSql: string, toSql: string, opts: CaseOptions = {}): Promise<DirectionResult> {
  const scope: Scope = opts.scope ?? { profile: 'plain' };
  const fromUrl = await server.createDatabase('a');
  const toUrl = await server.createDatabase('b');
  if (opts.setup) {
    await server.query(fromUrl, opts.setup);
    await server.query(toUrl, opts.setup);
  }
  if (fromSql.trim()) await server.query(fromUrl, fromSql);
  if (toSql.trim()) await server.query(toUrl, toSql);
  const first = await planBetween(fromUrl, toUrl, scope);
  try {
    await withClient(fromUrl, (c) => applyPlan(c, first.plan));
  } catch (err) {
    throw new Error(`applying the plan failed: ${(err as Error).message}\n--- plan ---\n${first.sql}`);
  }
  const second = await planBetween(fromUrl, toUrl, scope);
  const result: DirectionResult = { sql: first.sql, secondDiff: second.plan.steps.map((s) => s.sql).join('\n'), dumpDiff: null, dumpSkipped: null };
  const bin = await pgDumpFor(server.major);
  if (!bin) {
    result.dumpSkipped = `no pg_dump ${server.major} installed: pg_dump comparison skipped for PostgreSQL ${server.major}`;
  } else {
    const a = await dumpStatements(bin, fromUrl, scope);
    const b = await dumpStatements(bin, toUrl, scope);
    const inA = new Set(a);
    const inB = new Set(b);
    const onlyFrom = a.filter((x) => !inB.has(x));
    const onlyTo = b.filter((x) => !inA.has(x));
    if (onlyFrom.length || onlyTo.length) result.dumpDiff = { onlyFrom, onlyTo };
  }
  return result;
}

export function describeFailure(r: DirectionResult): string {
  let msg = `--- plan ---\n${r.sql}`;
  if (r.secondDiff) msg += `\n--- second diff (should be empty) ---\n${r.secondDiff}`;
  if (r.dumpDiff)
    msg += `\n--- pg_dump differs ---\nonly after migration:\n${r.dumpDiff.onlyFrom.join('\n')}\nonly in target:\n${r.dumpDiff.onlyTo.join('\n')}`;
  return msg;
}
