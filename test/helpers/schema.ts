/**
 * The diff engine's round-trip check, shared by its test files: load a.sql
 * into database A and b.sql into B, plan A→B, apply it to A, then a second
 * diff must be empty and (when a matching pg_dump is installed) both schema
 * dumps must hold the same statements.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { parse as parseToml } from 'smol-toml';
import { readSnapshot } from '../../src/catalog/read.js';
import { isSecretOption, maskEmbeddedSecrets, SECRET_PLACEHOLDER } from '../../src/catalog/secrets.js';
import type { Column, DbObject, Scope, Snapshot, Table as TableObj } from '../../src/catalog/types.js';
import { diffSnapshots } from '../../src/diff/diff.js';
import { applyPlan } from '../../src/plan/apply.js';
import { planChanges } from '../../src/plan/plan.js';
import { renderPlan } from '../../src/plan/render.js';
import type { HazardType, Plan, Step } from '../../src/plan/types.js';
import { applySupabaseProfile } from '../../src/procedure/supabase-profile.js';
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
  const [from, to] = await Promise.all([snapshotOf(fromUrl, scope), snapshotOf(toUrl, scope)]);
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
    .map(maskDumpSecrets)
    .sort();
}

/**
 * Secrets masked as a snapshot masks them (src/catalog/secrets.ts): a plan never carries one, so
 * after it runs a password is the placeholder where the target has the real one, by design.
 */
function maskDumpSecrets(st: string): string {
  return st.replace(/("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*) '((?:[^']|'')*)'/g, (m, name: string, literalText: string) => {
    const option = name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
    if (isSecretOption(option)) return `${name} '${SECRET_PLACEHOLDER}'`;
    const value = literalText.replace(/''/g, "'");
    const masked = maskEmbeddedSecrets(value);
    return masked === value ? m : `${name} '${masked.replace(/'/g, "''")}'`;
  });
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
  /** Give both databases what a Supabase platform database has first. */
  supabase?: boolean;
}

/** checkDirection's: what one direction of an outside corpus's case needs besides. */
export interface DirectionOptions extends CaseOptions {
  /** Data (or other SQL) run in the source database after its schema, before the plan. */
  seed?: string;
  /** The server holding the target database, when the two sides need separate clusters (roles differ). */
  toServer?: TestServer;
}

/** The case's own SQL did not load: the case says nothing about the diff. */
export class CaseLoadError extends Error {
  constructor(side: 'from' | 'to' | 'seed', cause: Error) {
    super(`${side === 'seed' ? 'the seed' : `the ${side} side's SQL`} did not load: ${cause.message}`);
    this.name = 'CaseLoadError';
  }
}

export interface DirectionResult {
  sql: string;
  /** The first plan's steps, with their hazards and ops. */
  steps: Step[];
  /** The first plan's warnings (what the diff left out). */
  warnings: string[];
  secondDiff: string;
  /**
   * What dbalign reported but did not compare (snapshot warnings naming objects), differing
   * between the migrated database and the target: an object the diff left out.
   */
  warningsDiff: { onlyFrom: string[]; onlyTo: string[] } | null;
  dumpDiff: { onlyFrom: string[]; onlyTo: string[] } | null;
  dumpSkipped: string | null;
}

/** A session as a new connection would start it: what the case's SQL or a plan set in it is gone. */
async function freshSession(c: pg.Client): Promise<void> {
  // An open transaction is rolled back, as closing the connection would (ROLLBACK outside one only warns).
  await c.query('ROLLBACK');
  await c.query('DISCARD ALL');
}

/** A connection to a new database holding `setup`, the platform (opts.supabase) and `sql`, in a fresh session. */
async function loaded(url: string, sql: string, side: 'from' | 'to', opts: CaseOptions, clients: pg.Client[], seed?: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  clients.push(c);
  await c.connect();
  if (opts.setup) await c.query(opts.setup);
  if (opts.supabase) await applySupabaseProfile(c);
  for (const [what, text] of [[side, sql], ['seed', seed]] as const) {
    if (!text?.trim()) continue;
    try {
      await c.query(text);
    } catch (err) {
      throw new CaseLoadError(what, err as Error);
    }
  }
  await freshSession(c);
  return c;
}

/** Plans from→to, applies it over `client` (the from side's), reads that side again and judges all but pg_dump. */
async function migrate(client: pg.Client, from: Snapshot, to: Snapshot, scope: Scope, before?: (plan: Plan) => void): Promise<DirectionResult> {
  const withOwners = { withOwners: scope.withOwners };
  const plan = planChanges(diffSnapshots(from, to, withOwners), from, to, withOwners);
  const sql = renderPlan(plan);
  before?.(plan);
  try {
    await applyPlan(client, plan);
  } catch (err) {
    throw new Error(`applying the plan failed: ${(err as Error).message}\n--- plan ---\n${sql}`);
  }
  await freshSession(client);
  const after = await readSnapshot(client, scope);
  const second = planChanges(diffSnapshots(after, to, withOwners), after, to, withOwners);
  return { sql, steps: plan.steps, warnings: plan.warnings, secondDiff: second.steps.map((s) => s.sql).join('\n'), warningsDiff: setDiff(after.warnings, to.warnings), dumpDiff: null, dumpSkipped: null };
}

/**
 * One direction of a case on databases of its own (the outside corpus's runner, which needs
 * seeds and separate clusters): plan from→to, apply it to `from`, and check.
 */
export async function checkDirection(server: TestServer, fromSql: string, toSql: string, opts: DirectionOptions = {}): Promise<DirectionResult> {
  const scope: Scope = opts.scope ?? { profile: 'plain' };
  const toServer = opts.toServer ?? server;
  const [fromUrl, toUrl] = await Promise.all([server.createDatabase('a'), toServer.createDatabase('b')]);
  const clients: pg.Client[] = [];
  try {
    // On one cluster the sides share its roles: loaded side by side, two `CREATE ROLE`s of the same name race.
    const loadFrom = () => loaded(fromUrl, fromSql, 'from', opts, clients, opts.seed);
    const loadTo = () => loaded(toUrl, toSql, 'to', opts, clients);
    const [from, to] = toServer.server === server.server ? [await loadFrom(), await loadTo()] : await Promise.all([loadFrom(), loadTo()]);
    const [fromSnap, toSnap] = await Promise.all([readSnapshot(from, scope), readSnapshot(to, scope)]);
    const result = await migrate(from, fromSnap, toSnap, scope);
    const bin = await pgDumpFor(server.major);
    if (!bin) result.dumpSkipped = `no pg_dump ${server.major} installed: pg_dump comparison skipped for PostgreSQL ${server.major}`;
    else {
      const [fromDump, toDump] = await Promise.all([dumpStatements(bin, fromUrl, scope), dumpStatements(bin, toUrl, scope)]);
      result.dumpDiff = setDiff(fromDump, toDump);
    }
    return result;
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

/**
 * Both directions of a case from one pair of databases: each side is read (and dumped) before it
 * is migrated towards the other, so a case costs two databases, two loads and four snapshots
 * rather than four, four and six. Each side keeps one connection from load to last snapshot (a new
 * backend per step would cost more than the step on a small schema). A direction that fails is
 * that direction's Error.
 */
export async function checkBothDirections(
  server: TestServer,
  aSql: string,
  bSql: string,
  opts: CaseOptions,
  wanted: readonly Direction[],
): Promise<Partial<Record<Direction, DirectionResult | Error>>> {
  const scope: Scope = opts.scope ?? { profile: 'plain' };
  const [aUrl, bUrl] = await Promise.all([server.createDatabase('a'), server.createDatabase('b')]);
  const clients: pg.Client[] = [];
  try {
    const [a, b] = await Promise.all([loaded(aUrl, aSql, 'from', opts, clients), loaded(bUrl, bSql, 'to', opts, clients)]);
    const [snapA, snapB] = await Promise.all([readSnapshot(a, scope), readSnapshot(b, scope)]);
    const bin = await pgDumpFor(server.major);
    const [dumpA, dumpB] = bin ? await Promise.all([dumpStatements(bin, aUrl, scope), dumpStatements(bin, bUrl, scope)]) : [null, null];
    // Both directions plan from the same snapshots, so planning must leave its inputs as they were.
    const json = { a: JSON.stringify(snapA), b: JSON.stringify(snapB) };
    const one = async (dir: Direction): Promise<DirectionResult> => {
      const [client, url, from, to, toDump] = dir === 'a→b' ? [a, aUrl, snapA, snapB, dumpB] : [b, bUrl, snapB, snapA, dumpA];
      const result = await migrate(client, from, to, scope, () => {
        for (const [side, snap] of [['a', snapA], ['b', snapB]] as const) {
          if (JSON.stringify(snap) !== json[side]) throw new Error(`planning ${dir} changed the snapshot of ${side}: a plan must not change its inputs`);
        }
      });
      if (!bin || !toDump) result.dumpSkipped = `no pg_dump ${server.major} installed: pg_dump comparison skipped for PostgreSQL ${server.major}`;
      else result.dumpDiff = setDiff(await dumpStatements(bin, url, scope), toDump);
      return result;
    };
    const out: Partial<Record<Direction, DirectionResult | Error>> = {};
    await Promise.all(
      wanted.map(async (dir) => {
        try {
          out[dir] = await one(dir);
        } catch (err) {
          out[dir] = err as Error;
        }
      }),
    );
    return out;
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

function setDiff(a: readonly string[], b: readonly string[]): { onlyFrom: string[]; onlyTo: string[] } | null {
  const inA = new Set(a);
  const inB = new Set(b);
  const onlyFrom = a.filter((x) => !inB.has(x));
  const onlyTo = b.filter((x) => !inA.has(x));
  return onlyFrom.length || onlyTo.length ? { onlyFrom, onlyTo } : null;
}

export function describeFailure(r: DirectionResult): string {
  let msg = `--- plan ---\n${r.sql}`;
  if (r.warnings.length) msg += `\n--- warnings ---\n${r.warnings.join('\n')}`;
  if (r.secondDiff) msg += `\n--- second diff (should be empty) ---\n${r.secondDiff}`;
  if (r.warningsDiff)
    msg += `\n--- objects left out differ (should be none) ---\nonly after migration:\n${r.warningsDiff.onlyFrom.join('\n')}\nonly in target:\n${r.warningsDiff.onlyTo.join('\n')}`;
  if (r.dumpDiff)
    msg += `\n--- pg_dump differs ---\nonly after migration:\n${r.dumpDiff.onlyFrom.join('\n')}\nonly in target:\n${r.dumpDiff.onlyTo.join('\n')}`;
  return msg;
}

// ---------------------------------------------------------------- dbalign's own a/b cases

/**
 * dbalign's own cases live as data under test/conformance/: one folder per case
 * holding a.sql, b.sql and case.toml (see README, "Conformance cases").
 */
export const CASES_DIR = fileURLToPath(new URL('../conformance/', import.meta.url));

export type Direction = 'a→b' | 'b→a';
export const DIRECTIONS: Direction[] = ['a→b', 'b→a'];

/** What one direction's plan must (and must not) do. */
export interface DirectionExpectation {
  /** Why this direction cannot pass yet (node:test todo). */
  todo?: string;
  /** Hazards the plan must carry: a type, or `<type> on <object key>` for the step of that object. */
  hazards: string[];
  /** Hazard types no step of the plan may carry (e.g. a widening that must not rewrite the table). */
  noHazards: HazardType[];
  /** Object keys the plan must not drop (and create again): they are changed in place. */
  mustNotRebuild: string[];
}

export interface SchemaCase {
  /** The display name: tests are `case <name> a→b` and `case <name> b→a`. */
  name: string;
  /** The folder under test/conformance/. */
  slug: string;
  a: string;
  b: string;
  scope?: Scope;
  supabase?: boolean;
  /** Why the case never runs (both directions). */
  skip?: string;
  /** What it needs of its server; skipped (with the reason) where the server lacks it. */
  requires?: Array<(typeof CASE_REQUIREMENTS)[number]>;
  expect: Record<Direction, DirectionExpectation>;
}

/** Roles the cases grant to; cluster-wide, so created idempotently. */
export const CASE_SETUP = `DO $$ BEGIN
  CREATE ROLE dbalign_r1; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE dbalign_r2; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "Dbalign Role"; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`;

/**
 * The tablespace cases place objects in. Cluster-wide like roles, so made once per server; in place
 * (inside the data directory, a developer option of 15 and later) so it needs no folder of its own.
 */
export async function createCaseTablespace(server: TestServer): Promise<void> {
  const url = server.server.url('postgres');
  const exists = await server.query(url, `SELECT FROM pg_tablespace WHERE spcname = 'Dbalign Space'`);
  if (exists.rowCount) return;
  const inPlace = new URL(url);
  inPlace.searchParams.set('options', '-c allow_in_place_tablespaces=on');
  await server.query(inPlace.toString(), `CREATE TABLESPACE "Dbalign Space" LOCATION ''`);
}

const HAZARD_TYPES: readonly HazardType[] = ['deletes_data', 'rewrites_table', 'access_exclusive_lock', 'not_in_transaction', 'secret_placeholder', 'manual_follow_up'];
const CASE_KEYS = new Set(['name', 'supabase', 'scope', 'skip', 'requires', 'a_to_b', 'b_to_a']);
/** What a case may need of its server beyond the roles and the tablespace every case has. */
export const CASE_REQUIREMENTS = ['label provider'] as const;
const DIRECTION_KEYS = new Set(['todo', 'hazards', 'no_hazards', 'must_not_rebuild']);
const SCOPE_KEYS = new Set(['profile', 'includeSchemas', 'excludeSchemas', 'withOwners']);

/** A case folder's name: its display name in lower case, runs of other characters as one '-'. */
export function caseSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function strings(v: unknown, where: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`${where} must be a list of strings`);
  return v as string[];
}

function parseDirection(v: unknown, where: string): DirectionExpectation {
  const out: DirectionExpectation = { hazards: [], noHazards: [], mustNotRebuild: [] };
  if (v === undefined) return out;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${where} must be a table`);
  const t = v as Record<string, unknown>;
  for (const k of Object.keys(t)) if (!DIRECTION_KEYS.has(k)) throw new Error(`${where}: unknown key ${k} (known: ${[...DIRECTION_KEYS].join(', ')})`);
  if (t.todo !== undefined) {
    if (typeof t.todo !== 'string' || !t.todo.trim()) throw new Error(`${where}.todo must be a non-empty reason`);
    out.todo = t.todo;
  }
  out.hazards = strings(t.hazards, `${where}.hazards`);
  for (const h of out.hazards) {
    const type = h.split(' ', 1)[0] as HazardType;
    if (!HAZARD_TYPES.includes(type) || (h !== type && !h.startsWith(`${type} on `)))
      throw new Error(`${where}.hazards: "${h}" is not "<type>" or "<type> on <key>" (types: ${HAZARD_TYPES.join(', ')})`);
  }
  out.noHazards = strings(t.no_hazards, `${where}.no_hazards`) as HazardType[];
  for (const h of out.noHazards) if (!HAZARD_TYPES.includes(h)) throw new Error(`${where}.no_hazards: unknown hazard type ${h}`);
  out.mustNotRebuild = strings(t.must_not_rebuild, `${where}.must_not_rebuild`);
  return out;
}

/** One case folder, read and checked: a typo in case.toml fails loudly rather than being ignored. */
export function readSchemaCase(slug: string, dir = CASES_DIR): SchemaCase {
  const folder = path.join(dir, slug);
  const where = `test/conformance/${slug}/case.toml`;
  const meta = parseToml(fs.readFileSync(path.join(folder, 'case.toml'), 'utf8')) as Record<string, unknown>;
  for (const k of Object.keys(meta)) if (!CASE_KEYS.has(k)) throw new Error(`${where}: unknown key ${k} (known: ${[...CASE_KEYS].join(', ')})`);
  if (typeof meta.name !== 'string' || !meta.name) throw new Error(`${where}: name is required`);
  if (caseSlug(meta.name) !== slug) throw new Error(`${where}: the folder for "${meta.name}" is ${caseSlug(meta.name)}`);
  const k: SchemaCase = {
    name: meta.name,
    slug,
    a: fs.readFileSync(path.join(folder, 'a.sql'), 'utf8'),
    b: fs.readFileSync(path.join(folder, 'b.sql'), 'utf8'),
    expect: { 'a→b': parseDirection(meta.a_to_b, `${where} [a_to_b]`), 'b→a': parseDirection(meta.b_to_a, `${where} [b_to_a]`) },
  };
  if (meta.supabase !== undefined) {
    if (typeof meta.supabase !== 'boolean') throw new Error(`${where}: supabase must be true or false`);
    k.supabase = meta.supabase;
  }
  if (meta.skip !== undefined) {
    if (typeof meta.skip !== 'string' || !meta.skip.trim()) throw new Error(`${where}: skip must be a non-empty reason`);
    k.skip = meta.skip;
  }
  if (meta.requires !== undefined) {
    const wanted = strings(meta.requires, `${where}: requires`);
    for (const w of wanted) if (!(CASE_REQUIREMENTS as readonly string[]).includes(w)) throw new Error(`${where}: requires "${w}" is unknown (known: ${CASE_REQUIREMENTS.join(', ')})`);
    k.requires = wanted as SchemaCase['requires'];
  }
  if (meta.scope !== undefined) {
    const sc = meta.scope as Record<string, unknown>;
    for (const key of Object.keys(sc)) if (!SCOPE_KEYS.has(key)) throw new Error(`${where} [scope]: unknown key ${key} (known: ${[...SCOPE_KEYS].join(', ')})`);
    k.scope = sc as unknown as Scope;
  }
  return k;
}

/** Every case under test/conformance/, in folder order. */
export function loadSchemaCases(dir = CASES_DIR): SchemaCase[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((slug) => readSchemaCase(slug, dir));
}

/** What a direction's plan does against its case's expectations: one line per miss, empty when all hold. */
export function expectationMisses(steps: readonly Step[], e: DirectionExpectation): string[] {
  const misses: string[] = [];
  for (const want of e.hazards) {
    const [type, key] = want.split(/ on (.*)/s) as [HazardType, string | undefined];
    const ok = steps.some((s) => (key === undefined || s.key === key) && s.hazards.some((h) => h.type === type));
    if (!ok) misses.push(`the plan carries no ${type} hazard${key ? ` on ${key}` : ''}`);
  }
  for (const type of e.noHazards) {
    for (const s of steps) if (s.hazards.some((h) => h.type === type)) misses.push(`the plan must not carry ${type}, but ${s.key} does: ${s.sql.split('\n')[0]}`);
  }
  for (const key of e.mustNotRebuild) {
    const drop = steps.find((s) => s.key === key && s.op === 'drop');
    if (drop) misses.push(`the plan drops ${key} (${drop.sql.split('\n')[0]}); it must be changed in place`);
  }
  return misses;
}

// ---------------------------------------------------------------- synthetic snapshots (pure tests)


export function snapshotFrom(objects: DbObject[], warnings: string[] = []): Snapshot {
  const map: Record<string, DbObject> = {};
  for (const o of objects) map[o.key] = o;
  return { format: 'dbalign-snapshot-1', serverVersion: 170000, scope: { profile: 'plain' }, objects: map, warnings };
}

export function col(name: string, type = 'integer', extra: Partial<Column> = {}): Column {
  return { name, type, notNull: false, default: null, identity: '', generated: '', collation: null, local: true, storage: null, compression: null, statistics: null, comment: null, grants: [], ...extra };
}

export function schemaObj(name: string): DbObject {
  return { kind: 'schema', key: `schema "${name}"`, name, deps: [], comment: null, grants: [] };
}

export function tableObj(schema: string, name: string, columns: Column[], extra: Partial<TableObj> = {}): TableObj {
  return {
    kind: 'table',
    key: `table "${schema}"."${name}"`,
    deps: [`schema "${schema}"`],
    comment: null,
    schema,
    name,
    partitioned: false,
    unlogged: false,
    partitionKey: null,
    partitionOf: null,
    partitionBound: null,
    inherits: [],
    replicaIdentity: 'd',
    replicaIdentityIndex: null,
    rowSecurity: false,
    forceRowSecurity: false,
    options: [],
    accessMethod: null,
    columns,
    grants: [],
    managed: false,
    ...extra,
  };
}

export function indexObj(schema: string, table: string, name: string, columns: string): DbObject {
  return {
    kind: 'index',
    key: `index "${schema}"."${name}"`,
    deps: [`table "${schema}"."${table}"`],
    comment: null,
    schema,
    name,
    table: `table "${schema}"."${table}"`,
    definition: `CREATE INDEX ${name} ON ${schema}.${table} USING btree (${columns})`,
    parentIndex: null,
  };
}

export function viewObj(schema: string, name: string, definition: string, columns: Array<[string, string]>, deps: string[]): DbObject {
  return {
    kind: 'view',
    key: `view "${schema}"."${name}"`,
    deps: [`schema "${schema}"`, ...deps],
    comment: null,
    schema,
    name,
    definition,
    options: [],
    columns: columns.map(([n, t]) => ({ name: n, type: t, comment: null, grants: [] })),
    grants: [],
    populated: true,
  };
}

export function enumObj(schema: string, name: string, labels: string[]): DbObject {
  return { kind: 'type', type: 'enum', key: `type "${schema}"."${name}"`, deps: [`schema "${schema}"`], comment: null, schema, name, labels, grants: [] };
}

export function functionObj(schema: string, name: string, args: string, result: string, body: string): DbObject {
  return {
    kind: 'function',
    key: `function "${schema}"."${name}"(${args})`,
    deps: [`schema "${schema}"`],
    comment: null,
    schema,
    name,
    prokind: 'f',
    identityArgs: args,
    arguments: args,
    result,
    definition: `CREATE OR REPLACE FUNCTION ${schema}.${name}(${args})\n RETURNS ${result}\n LANGUAGE sql\nAS $function$${body}$function$\n`,
    grants: [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }],
  };
}

/** A schema of `tables` tables, each with `indexesPer` indexes and a view every `viewEvery` tables. */
export function largeSnapshot(tables: number, indexesPer: number, viewEvery: number, variant = 0): Snapshot {
  const objects: DbObject[] = [schemaObj('public')];
  for (let i = 0; i < tables; i++) {
    const t = `t${i}`;
    objects.push(tableObj('public', t, [col('id'), col('a', 'text'), col('b', variant && i % 10 === 0 ? 'bigint' : 'integer')]));
    for (let j = 0; j < indexesPer; j++) objects.push(indexObj('public', t, `${t}_i${j}`, j % 2 ? 'a' : 'b'));
    if (i % viewEvery === 0) objects.push(viewObj('public', `v${i}`, ` SELECT id, b FROM public.${t};`, [['id', 'integer'], ['b', 'integer']], [`table "public"."${t}"`]));
  }
  return snapshotFrom(objects);
}
