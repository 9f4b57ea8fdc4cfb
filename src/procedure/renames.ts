/**
 * Renames instead of data loss. An object dropped and one created with the
 * same definition apart from its name is a rename candidate: schemas, tables,
 * views, sequences, functions, types, then columns, enum values, indexes and
 * constraints (in rounds, so a renamed table's columns are matched inside it).
 * A confirmed rename becomes `ALTER … RENAME`; the rest of the plan is made
 * against `from` with the renames run on it in a shadow database, so
 * PostgreSQL itself carries views, policies, keys and grants over. A plan that
 * would delete data where a candidate is undecided stops.
 */
import { readSnapshot, type DbObject, type Function as Routine, type Snapshot, type Table, type Type, type View } from '../catalog/index.js';
import { connect, ident } from '../db/connection.js';
import { DbalignError } from '../errors.js';
import type { Project } from '../migrations/project.js';
import { loadParser, splitStatements } from '../migrations/sql.js';
import { renderPlan } from '../plan/index.js';
import type { Step } from '../plan/types.js';
import type { Kind } from '../catalog/types.js';
import type { Log } from './log.js';
import { compareSnapshots, type SchemaDifference } from './schema.js';
import { createShadow, readShadow, type Shadow } from './shadow.js';
import { runStatement } from './standins.js';
import type { Profile } from './reset.js';
import type { EmbeddedMajor } from '../db/embedded.js';

export type RenameKind = 'schema' | 'table' | 'view' | 'matview' | 'sequence' | 'function' | 'type' | 'column' | 'enum_value' | 'index' | 'constraint';

export interface RenameCandidate {
  kind: RenameKind;
  /** Dotted names as `--rename` takes them: schema, schema.table, schema.table.column, schema.type.value, … */
  from: string;
  to: string;
  /** The object's key before and after (a column's or enum value's: its table's or type's). */
  fromKey: string;
  toKey: string;
  /** Alike in everything but the name (a table whose columns also change is not). `--yes` confirms only these. */
  exact: boolean;
  /** Dropped and created instead, rows (or a sequence's position) would be lost: undecided, it stops the plan. */
  keepsData: boolean;
  sql: string[];
}

export interface RenameDecision {
  candidate: RenameCandidate;
  /**
   * 'flag' (--rename), 'prompt' (answered yes on the terminal), 'yes' (--yes, exact candidates only),
   * 'follow' (an index or constraint of a renamed table), 'declined' (answered no).
   */
  by: 'flag' | 'prompt' | 'yes' | 'follow' | 'declined';
}

export interface RenameOptions {
  /** `--rename FROM=TO` pairs as given. */
  renames: Array<{ from: string; to: string }>;
  allowDataLoss: boolean;
  /** --yes: confirms the candidates alike in everything but their name. */
  yes?: boolean;
  /** Asks about one candidate on a terminal; undefined without one. */
  ask?: (question: string) => Promise<boolean>;
}

/** No --rename, no terminal: a plan that would drop data where a rename is likely stops. */
export const NO_RENAMES: RenameOptions = { renames: [], allowDataLoss: false };

export interface RenameReport {
  candidates: RenameCandidate[];
  decisions: RenameDecision[];
}

/** The `--rename FROM=TO` syntax. */
export function parseRename(spec: string): { from: string; to: string } {
  const m = /^([^=]+)=([^=]+)$/.exec(spec);
  if (!m) throw new DbalignError(`invalid --rename "${spec}": write it FROM=TO, as in --rename public.users.mail=public.users.email`);
  return { from: m[1]!.trim(), to: m[2]!.trim() };
}

const dotted = (...parts: string[]) => parts.join('.');
const q = (schema: string, name: string) => `${ident(schema)}.${ident(name)}`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A default with its sequence name left out: serial columns of a renamed table keep an old sequence name. */
const normalDefault = (d: string | null) => d?.replace(/nextval\('[^']*'::regclass\)/g, 'nextval(?)') ?? null;

function columnShape(c: Table['columns'][number]): string {
  return JSON.stringify([c.type, c.notNull, normalDefault(c.default), c.identity, c.generated, c.collation]);
}

const tableShape = (t: Table) => JSON.stringify([t.partitioned, t.columns.map((c) => [c.name, columnShape(c)])]);

/** ALTER … SET SCHEMA, then RENAME TO, for an object that moves, is renamed, or both. */
function moveAndRename(word: string, schema: string, name: string, toSchema: string, toName: string, suffix = ''): string[] {
  const sql: string[] = [];
  if (schema !== toSchema) sql.push(`ALTER ${word} ${q(schema, name)}${suffix} SET SCHEMA ${ident(toSchema)};`);
  if (name !== toName) sql.push(`ALTER ${word} ${q(toSchema, name)}${suffix} RENAME TO ${ident(toName)};`);
  return sql;
}

type Named = DbObject & { schema: string; name: string };
const inSchema = (o: DbObject): o is Named => 'schema' in o && typeof o.schema === 'string' && 'name' in o;

/**
 * Both snapshots' objects as arrays, listed once for all the finders of a round: Object.values over
 * a record of 25,000 keys costs tens of milliseconds each time, and there are twenty finder passes.
 */
interface Listed {
  from: DbObject[];
  to: DbObject[];
}

const LISTED = new WeakMap<Snapshot, DbObject[]>();
const objectsOf = (s: Snapshot): DbObject[] => {
  let list = LISTED.get(s);
  if (!list) LISTED.set(s, (list = Object.values(s.objects)));
  return list;
};
/** A round without renames plans on the same snapshots as the one before it: listed once. */
const listed = (from: Snapshot, to: Snapshot): Listed => ({ from: objectsOf(from), to: objectsOf(to) });

/** Pairs of objects of one kind dropped from `from` and created in `to` whose shapes match. */
function pairs<T extends DbObject>(from: Snapshot, to: Snapshot, all: Listed, is: (o: DbObject) => o is T, shape: (o: T) => string | null): Array<[T, T]> {
  const gone = all.from.filter((o): o is T => is(o) && !to.objects[o.key]);
  if (!gone.length) return [];
  const made = all.to.filter((o): o is T => is(o) && !from.objects[o.key]);
  const madeShapes = made.map(shape);
  const out: Array<[T, T]> = [];
  for (const g of gone) {
    const s = shape(g);
    if (s === null) continue;
    for (let i = 0; i < made.length; i++) if (madeShapes[i] === s) out.push([g, made[i]!]);
  }
  return out;
}

/** A candidate for an object named schema.name: renamed in place, or moved to another schema. */
function renamed(kind: RenameKind, g: Named, m: Named, keepsData: boolean, sql: string[], exact = true): RenameCandidate {
  return { kind, from: dotted(g.schema, g.name), to: dotted(m.schema, m.name), fromKey: g.key, toKey: m.key, exact, keepsData, sql };
}

/** What one kind contributes: its candidates between two snapshots. */
type Finder = (from: Snapshot, to: Snapshot, all: Listed) => RenameCandidate[];

const isTable = (o: DbObject): o is Table => o.kind === 'table' && !o.partitionOf && !o.managed;
const isView = (kind: 'view' | 'matview') => (o: DbObject): o is View => o.kind === kind;
const isRoutine = (o: DbObject): o is Routine => o.kind === 'function';
const isType = (o: DbObject): o is Type => o.kind === 'type';

/** What a schema holds, with the schema's name left out: a schema whose content is the same under another name was renamed. */
function schemaContent(objects: DbObject[], schema: string): string[] {
  return objects
    .filter((o): o is Named => inSchema(o) && o.schema === schema)
    .map((o) => `${o.kind} ${o.name}${o.kind === 'table' ? ' ' + tableShape(o) : o.kind === 'function' ? `(${o.identityArgs})` : ''}`)
    .sort();
}

const ROUTINE_WORD = { f: 'FUNCTION', p: 'PROCEDURE', a: 'AGGREGATE', w: 'FUNCTION' } as Record<string, string>;

function typeShape(t: Type): string | null {
  switch (t.type) {
    case 'enum':
      return JSON.stringify(['enum', t.labels]);
    case 'composite':
      return JSON.stringify(['composite', t.attributes.map((a) => [a.name, a.type, a.collation])]);
    case 'domain':
      return JSON.stringify(['domain', t.base, t.notNull, t.default, t.collation, t.constraints.map((c) => c.definition)]);
    case 'range':
      // Renaming a range type leaves its multirange and constructor names behind: not offered.
      return null;
    case 'base':
    case 'shell':
      // Nor a base type its input and output functions.
      return null;
  }
}

const FINDERS: Record<RenameKind, Finder> = {
  schema: (from, to, all) => {
    const gone = all.from.filter((o) => o.kind === 'schema' && !to.objects[o.key]);
    const made = all.to.filter((o) => o.kind === 'schema' && !from.objects[o.key]);
    const out: RenameCandidate[] = [];
    for (const g of gone) {
      if (g.kind !== 'schema') continue;
      const content = JSON.stringify(schemaContent(all.from, g.name));
      for (const m of made) {
        if (m.kind !== 'schema' || JSON.stringify(schemaContent(all.to, m.name)) !== content) continue;
        const keepsData = all.from.some((o) => (o.kind === 'table' || o.kind === 'sequence') && o.schema === g.name);
        out.push({ kind: 'schema', from: g.name, to: m.name, fromKey: g.key, toKey: m.key, exact: true, keepsData, sql: [`ALTER SCHEMA ${ident(g.name)} RENAME TO ${ident(m.name)};`] });
      }
    }
    return out;
  },
  table: (from, to, all) => {
    const gone = all.from.filter((t): t is Table => isTable(t) && !to.objects[t.key]);
    if (!gone.length) return [];
    const made = all.to.filter((t): t is Table => isTable(t) && !from.objects[t.key]);
    const out: RenameCandidate[] = [];
    for (const g of gone) {
      for (const m of made) {
        if (g.partitioned !== m.partitioned) continue;
        const exact = tableShape(g) === tableShape(m);
        // Renamed and altered in one change: at least half of its columns kept, alike and by name.
        const kept = g.columns.filter((c) => m.columns.some((x) => x.name === c.name && columnShape(x) === columnShape(c))).length;
        if (!exact && (kept === 0 || kept * 2 < g.columns.length)) continue;
        out.push(renamed('table', g, m, true, moveAndRename('TABLE', g.schema, g.name, m.schema, m.name), exact));
      }
    }
    return out;
  },
  view: viewFinder('view'),
  matview: viewFinder('matview'),
  sequence: (from, to, all) =>
    pairs(from, to, all, (o): o is Extract<DbObject, { kind: 'sequence' }> => o.kind === 'sequence', (s) =>
      // Matched after tables: a serial's sequence is owned by the column of the table as renamed.
      JSON.stringify([s.type, s.start, s.increment, s.min, s.max, s.cache, s.cycle, s.unlogged, s.ownedBy]),
    ).map(([g, m]) => renamed('sequence', g, m, true, moveAndRename('SEQUENCE', g.schema, g.name, m.schema, m.name))),
  function: (from, to, all) =>
    pairs(from, to, all, isRoutine, (f) => JSON.stringify([f.prokind, f.identityArgs, f.arguments, f.result, f.definition.replace(/^[^(]*\(/, '(')])).map(([g, m]) =>
      renamed('function', g, m, false, moveAndRename(ROUTINE_WORD[g.prokind] ?? 'FUNCTION', g.schema, g.name, m.schema, m.name, `(${g.identityArgs})`)),
    ),
  type: (from, to, all) =>
    pairs(from, to, all, isType, typeShape).map(([g, m]) => renamed('type', g, m, false, moveAndRename(g.type === 'domain' ? 'DOMAIN' : 'TYPE', g.schema, g.name, m.schema, m.name))),
  column: (_from, to, all) => {
    const out: RenameCandidate[] = [];
    for (const before of all.from) {
      if (!isTable(before)) continue;
      const after = to.objects[before.key];
      if (!after || after.kind !== 'table') continue;
      // By name through sets: wide tables would make a column-by-column search quadratic.
      const beforeNames = new Set(before.columns.map((c) => c.name));
      const afterNames = new Set(after.columns.map((a) => a.name));
      const gone = before.columns.filter((c) => !afterNames.has(c.name));
      if (!gone.length) continue;
      const added = after.columns.filter((a) => !beforeNames.has(a.name));
      for (const g of gone) {
        for (const a of added) {
          if (columnShape(g) !== columnShape(a)) continue;
          out.push({
            kind: 'column',
            from: dotted(before.schema, before.name, g.name),
            to: dotted(after.schema, after.name, a.name),
            fromKey: before.key,
            toKey: after.key,
            exact: true,
            keepsData: true,
            sql: [`ALTER TABLE ${q(before.schema, before.name)} RENAME COLUMN ${ident(g.name)} TO ${ident(a.name)};`],
          });
        }
      }
    }
    return out;
  },
  enum_value: (_from, to, all) => {
    const out: RenameCandidate[] = [];
    for (const before of all.from) {
      const after = to.objects[before.key];
      if (before.kind !== 'type' || before.type !== 'enum' || !after || after.kind !== 'type' || after.type !== 'enum') continue;
      if (before.labels.length !== after.labels.length) continue;
      // The same labels in the same places but for some: each of those was renamed in place.
      const changed = before.labels.map((l, i) => [l, after.labels[i]!] as const).filter(([l, r]) => l !== r);
      if (!changed.length || changed.some(([l, r]) => after.labels.includes(l) || before.labels.includes(r))) continue;
      for (const [l, r] of changed) {
        out.push({
          kind: 'enum_value',
          from: dotted(before.schema, before.name, l),
          to: dotted(after.schema, after.name, r),
          fromKey: before.key,
          toKey: after.key,
          exact: true,
          keepsData: true,
          sql: [`ALTER TYPE ${q(before.schema, before.name)} RENAME VALUE ${lit(l)} TO ${lit(r)};`],
        });
      }
    }
    return out;
  },
  index: (from, to, all) =>
    pairs(from, to, all, (o): o is Extract<DbObject, { kind: 'index' }> => o.kind === 'index', (i) =>
      i.parentIndex ? null : JSON.stringify([i.table, i.definition.replace(` INDEX ${i.name} ON `, ' INDEX ? ON ').replace(` INDEX ${ident(i.name)} ON `, ' INDEX ? ON ')]),
    ).map(([g, m]) => renamed('index', g, m, false, [`ALTER INDEX ${q(g.schema, g.name)} RENAME TO ${ident(m.name)};`])),
  constraint: (from, to, all) =>
    pairs(from, to, all, (o): o is Extract<DbObject, { kind: 'constraint' }> => o.kind === 'constraint', (c) => JSON.stringify([c.table, c.type, c.definition])).map(([g, m]) => ({
      kind: 'constraint',
      from: dotted(g.schema, g.tableName, g.name),
      to: dotted(m.schema, m.tableName, m.name),
      fromKey: g.key,
      toKey: m.key,
      exact: true,
      keepsData: false,
      sql: [`ALTER TABLE ${q(g.schema, g.tableName)} RENAME CONSTRAINT ${ident(g.name)} TO ${ident(m.name)};`],
    })),
};

function viewFinder(kind: 'view' | 'matview'): Finder {
  return (from, to, all) =>
    pairs(from, to, all, isView(kind), (v) => JSON.stringify([v.definition, v.options, v.columns.map((c) => [c.name, c.type])])).map(([g, m]) =>
      renamed(kind, g, m, false, moveAndRename(kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW', g.schema, g.name, m.schema, m.name)),
    );
}

/** Each round is matched on the schema the previous rounds' renames made, so a renamed table's columns are compared inside it. */
const ROUNDS: RenameKind[][] = [['schema'], ['table', 'view', 'matview', 'function', 'type'], ['column', 'enum_value', 'sequence', 'index', 'constraint']];

/** Candidates of every kind between two snapshots, without rounds (a column of a renamed table is not matched). */
export function renameCandidates(from: Snapshot, to: Snapshot): RenameCandidate[] {
  const all = listed(from, to);
  return ROUNDS.flat().flatMap((k) => FINDERS[k](from, to, all));
}

/** Does `--rename` name this candidate (the schema may be left out for public)? */
function names(spec: { from: string; to: string }, c: RenameCandidate): boolean {
  const strip = (s: string) => (s.startsWith('public.') ? s.slice('public.'.length) : s);
  return strip(spec.from) === strip(c.from) && strip(spec.to) === strip(c.to);
}

const STEP_KIND: Record<RenameKind, Kind> = {
  schema: 'schema',
  table: 'table',
  view: 'view',
  matview: 'matview',
  sequence: 'sequence',
  function: 'function',
  type: 'type',
  column: 'table',
  enum_value: 'type',
  index: 'index',
  constraint: 'constraint',
};

const WHAT: Record<RenameKind, string> = {
  schema: 'schema',
  table: 'table',
  view: 'view',
  matview: 'materialized view',
  sequence: 'sequence',
  function: 'function',
  type: 'type',
  column: 'column',
  enum_value: 'enum value',
  index: 'index',
  constraint: 'constraint',
};

export interface RenameContext {
  project: Project;
  profile: Profile;
  major: EmbeddedMajor;
  shadowUrl?: string;
}

/**
 * compareSnapshots with renames: in rounds, candidates are decided by
 * `--rename`, then by `--yes` (exact ones) or on a terminal one at a time;
 * confirmed ones lead the plan as renames and the rest is planned against
 * `from` with them applied. Without a decision for a candidate whose drop
 * would delete data, stops with the flags that keep it.
 */
export async function compareWithRenames(
  from: Snapshot,
  to: Snapshot,
  options: RenameOptions & { safe?: boolean; context?: RenameContext },
  log: Log,
): Promise<SchemaDifference & { renames: RenameReport }> {
  const candidates: RenameCandidate[] = [];
  const decisions: RenameDecision[] = [];
  const used = new Set<{ from: string; to: string }>();
  const confirmed: RenameCandidate[] = [];
  let mid = from;
  let shadow: Shadow | undefined;
  try {
    for (const round of ROUNDS) {
      const all = listed(mid, to);
      const found = round.flatMap((k) => FINDERS[k](mid, to, all));
      candidates.push(...found);
      const now: RenameCandidate[] = [];
      // A confirmed rename settles the other candidates for its old or its new name.
      const conflicts = (a: RenameCandidate, b: RenameCandidate) => a !== b && a.kind === b.kind && (a.from === b.from || a.to === b.to);
      const taken = (c: RenameCandidate) => now.some((x) => conflicts(x, c));
      const renamedTables = new Set(confirmed.filter((c) => c.kind === 'table').map((c) => c.toKey));
      for (const c of found) {
        if (taken(c)) continue;
        const spec = options.renames.find((s) => names(s, c));
        let by: RenameDecision['by'] | undefined;
        if (spec) {
          used.add(spec);
          by = 'flag';
        } else if ((c.kind === 'index' || c.kind === 'constraint' || c.kind === 'sequence') && renamedTables.has(tableOf(mid, c.fromKey))) {
          // posts_pkey or posts_id_seq becoming articles_… with its table: renamed unasked (a serial's sequence keeps its position).
          by = 'follow';
        } else if (options.allowDataLoss && c.keepsData) {
          continue;
        } else if (options.yes) {
          if (c.exact) by = 'yes';
        } else if (options.ask) {
          const yes = await options.ask(`Rename ${WHAT[c.kind]} ${c.from} to ${c.to}${c.keepsData ? ', keeping its data' : ''}? (no: drop it and create ${c.to}${c.keepsData ? ' empty' : ''})`);
          by = yes ? 'prompt' : 'declined';
        }
        if (!by) continue;
        decisions.push({ candidate: c, by });
        if (by !== 'declined') now.push(c);
      }
      if (!now.length) continue;
      confirmed.push(...now);
      if (!options.context) throw new DbalignError('renames need a shadow database to plan against: run in a project folder');
      shadow ??= await shadowOf(from, options.context, log);
      mid = await runOn(shadow, now.flatMap((c) => c.sql), from);
    }
  } finally {
    await shadow?.dispose();
  }
  // Within a renamed schema (or one that would be), its objects' own candidates say the same again.
  const schemas = candidates.filter((c) => c.kind === 'schema');
  const within = (x: { from: string; to: string }) => schemas.some((s) => x.from.startsWith(`${s.from}.`) && x.to === s.to + x.from.slice(s.from.length));
  const unused = options.renames.filter((s) => !used.has(s) && !within(s));
  if (unused.length) {
    const s = unused[0]!;
    const list = candidates.map((x) => `${x.from}=${x.to}`).join(', ');
    throw new DbalignError(`--rename ${s.from}=${s.to} matches no rename candidate (an object dropped and one created alike apart from its name): ${list ? `the candidates are ${list}` : 'there are none'}`);
  }
  const settled = (c: RenameCandidate) => decisions.some((d) => d.candidate === c) || confirmed.some((x) => x !== c && x.kind === c.kind && (x.from === c.from || x.to === c.to));
  const undecided = candidates.filter((c) => c.keepsData && !settled(c) && !within(c));
  if (undecided.length && !options.allowDataLoss) {
    const flags = undecided.map((c) => `--rename ${c.from}=${c.to}`).join(' ');
    throw new DbalignError(
      `the plan would delete data where ${undecided.length === 1 ? 'a rename is' : 'renames are'} likely (${undecided.map((c) => `${WHAT[c.kind]} ${c.from} dropped, ${c.to} created ${c.exact ? 'alike' : 'with most of its columns'}`).join('; ')}): keep the data with ${flags}, or pass --allow-data-loss to drop and create`,
    );
  }
  const report: RenameReport = { candidates, decisions };
  const rest = compareSnapshots(mid, to, { safe: options.safe, withOwners: from.scope.withOwners });
  if (!confirmed.length) return { ...rest, renames: report };
  const steps: Step[] = confirmed.flatMap((c) => c.sql.map((sql) => ({ sql, hazards: [], kind: STEP_KIND[c.kind], key: c.toKey, op: 'alter' as const })));
  const plan = { ...rest.plan, steps: [...steps, ...rest.plan.steps] };
  const seen = new Set(rest.objects.map((o) => o.key));
  const objects = [...confirmed.filter((c) => !seen.has(c.toKey)).map((c) => ({ key: c.toKey, kind: STEP_KIND[c.kind] as string, op: 'alter' as const })), ...rest.objects];
  return { plan, sql: renderPlan(plan), objects: [...new Map(objects.map((o) => [o.key, o])).values()], warnings: rest.warnings, renames: report };
}

const tableOf = (s: Snapshot, key: string): string => {
  const o = s.objects[key];
  if (o?.kind === 'sequence') return o.ownedBy?.table ?? '';
  return o && (o.kind === 'index' || o.kind === 'constraint') ? o.table : '';
};

/** `from` built in a shadow database: what it adds to an empty database with the platform, run there. */
async function shadowOf(from: Snapshot, ctx: RenameContext, log: Log): Promise<Shadow> {
  const scope = from.scope;
  const base = { profile: ctx.profile, major: ctx.major, shadowUrl: ctx.shadowUrl };
  const baseline = await readShadow(await createShadow(ctx.project, [], base, log), scope);
  const create = compareSnapshots(baseline, from, { withOwners: scope.withOwners }).sql;
  await loadParser();
  return createShadow(ctx.project, [], {
    ...base,
    build: {
      what: 'the schema with the renames',
      run: async (c) => {
        // Extensions outside the compared schemas (vector in Supabase's `extensions`) are not in the plan, but its types may use them.
        // One this server cannot install is left out: a statement that needs it then fails with its own message.
        for (const e of from.extensionsOutOfScope ?? []) {
          await c.query(`CREATE SCHEMA IF NOT EXISTS ${ident(e.schema)}; CREATE EXTENSION IF NOT EXISTS ${ident(e.name)} WITH SCHEMA ${ident(e.schema)} CASCADE`).catch(() => undefined);
        }
        // As migrations run: a stand-in's index options (ivfflat lists, hnsw m) need its handling.
        for (const s of splitStatements(create, 'the schema')) await runStatement(c, s);
      },
    },
  }, log);
}

/** Runs renames in the shadow and reads it back. */
async function runOn(shadow: Shadow, sql: string[], like: Snapshot): Promise<Snapshot> {
  const c = await connect(shadow.url, 'shadow');
  try {
    for (const s of sql) await c.query(s);
    return await readSnapshot(c, like.scope);
  } finally {
    await c.end();
  }
}
