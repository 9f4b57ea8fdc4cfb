/**
 * Renames instead of data loss: a table or column dropped and one created
 * with the same definition apart from its name is a rename candidate. A
 * confirmed rename becomes `ALTER … RENAME`; the rest of the plan is made
 * against the `from` schema with the renames applied (rebuilt in a shadow
 * database, so PostgreSQL itself carries views, policies, keys and grants
 * over), and a plan that would drop data where a candidate is undecided stops.
 */
import { ident } from '../db/connection.js';
import { readSnapshot, type Snapshot, type Table } from '../catalog/index.js';
import { DbalignError } from '../errors.js';
import type { Project } from '../migrations/project.js';
import { splitStatements } from '../migrations/sql.js';
import { renderPlan } from '../plan/index.js';
import type { Step } from '../plan/types.js';
import type { Log } from './log.js';
import { compareSnapshots, type SchemaDifference } from './schema.js';
import { createShadow, readShadow } from './shadow.js';
import type { Profile } from './reset.js';
import type { EmbeddedMajor } from '../db/embedded.js';

export interface RenameCandidate {
  kind: 'table' | 'column';
  /** Dotted names as `--rename` takes them: schema.table or schema.table.column. */
  from: string;
  to: string;
  /** The table's key (for a table rename: the old table's). */
  table: string;
  /** For a table: the new table's key. */
  toTable?: string;
}

export interface RenameDecision {
  candidate: RenameCandidate;
  /** 'flag' (--rename), 'prompt' (answered on the terminal), 'declined' (answered no). */
  by: 'flag' | 'prompt' | 'declined';
}

export interface RenameOptions {
  /** `--rename FROM=TO` pairs as given. */
  renames: Array<{ from: string; to: string }>;
  allowDataLoss: boolean;
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

/** A default with its sequence name left out: serial columns of a renamed table keep an old sequence name. */
const normalDefault = (d: string | null) => d?.replace(/nextval\('[^']*'::regclass\)/g, 'nextval(?)') ?? null;

function columnShape(c: Table['columns'][number]): string {
  return JSON.stringify([c.type, c.notNull, normalDefault(c.default), c.identity, c.generated, c.collation]);
}

/** Tables and columns dropped from `from` and created in `to` with the same definition apart from their names. */
export function renameCandidates(from: Snapshot, to: Snapshot): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  const tables = (s: Snapshot) => Object.values(s.objects).filter((o): o is Table => o.kind === 'table' && !o.partitionOf);
  const shape = (t: Table) => JSON.stringify([t.partitioned, t.columns.map((c) => [c.name, columnShape(c)])]);
  const dropped = tables(from).filter((t) => !to.objects[t.key]);
  const created = tables(to).filter((t) => !from.objects[t.key]);
  for (const d of dropped) {
    for (const c of created) {
      if (shape(d) === shape(c)) out.push({ kind: 'table', from: dotted(d.schema, d.name), to: dotted(c.schema, c.name), table: d.key, toTable: c.key });
    }
  }
  for (const before of tables(from)) {
    const after = to.objects[before.key];
    if (!after || after.kind !== 'table') continue;
    const gone = before.columns.filter((c) => !after.columns.some((a) => a.name === c.name));
    const added = after.columns.filter((a) => !before.columns.some((c) => c.name === a.name));
    for (const g of gone) {
      for (const a of added) {
        if (columnShape(g) === columnShape(a)) {
          out.push({ kind: 'column', from: dotted(before.schema, before.name, g.name), to: dotted(after.schema, after.name, a.name), table: before.key });
        }
      }
    }
  }
  return out;
}

/** Does `--rename` name this candidate (schema optional for public)? */
function names(spec: { from: string; to: string }, c: RenameCandidate): boolean {
  const strip = (s: string) => (s.startsWith('public.') ? s.slice('public.'.length) : s);
  return strip(spec.from) === strip(c.from) && strip(spec.to) === strip(c.to);
}

function renameSql(c: RenameCandidate, from: Snapshot, to: Snapshot): string[] {
  if (c.kind === 'table') {
    const before = from.objects[c.table] as Table;
    const after = to.objects[c.toTable!] as Table;
    const sql: string[] = [];
    if (before.schema !== after.schema) sql.push(`ALTER TABLE ${ident(before.schema)}.${ident(before.name)} SET SCHEMA ${ident(after.schema)};`);
    if (before.name !== after.name) sql.push(`ALTER TABLE ${ident(after.schema)}.${ident(before.name)} RENAME TO ${ident(after.name)};`);
    return sql;
  }
  const table = from.objects[c.table] as Table;
  const [oldName, newName] = [c.from.split('.').pop()!, c.to.split('.').pop()!];
  return [`ALTER TABLE ${ident(table.schema)}.${ident(table.name)} RENAME COLUMN ${ident(oldName)} TO ${ident(newName)};`];
}

export interface RenameContext {
  project: Project;
  profile: Profile;
  major: EmbeddedMajor;
  shadowUrl?: string;
}

/**
 * compareSnapshots with renames: candidates are decided by `--rename`, then
 * on a terminal one at a time; confirmed ones lead the plan as renames and the
 * rest is planned against `from` with them applied. Without a decision for a
 * candidate whose plan would delete data, stops with the flags that keep it.
 */
export async function compareWithRenames(
  from: Snapshot,
  to: Snapshot,
  options: RenameOptions & { safe?: boolean; context?: RenameContext },
  log: Log,
): Promise<SchemaDifference & { renames: RenameReport }> {
  const candidates = renameCandidates(from, to);
  const decisions: RenameDecision[] = [];
  for (const spec of options.renames) {
    const c = candidates.find((x) => names(spec, x));
    if (!c) {
      const list = candidates.map((x) => `${x.from}=${x.to}`).join(', ');
      throw new DbalignError(`--rename ${spec.from}=${spec.to} matches no rename candidate (a ${spec.from.split('.').length > 2 ? 'column' : 'table'} dropped and one created alike): ${list ? `the candidates are ${list}` : 'there are none'}`);
    }
    decisions.push({ candidate: c, by: 'flag' });
  }
  // A confirmed rename settles the other candidates for its old or its new name.
  const conflicts = (a: RenameCandidate, b: RenameCandidate) => a !== b && a.kind === b.kind && (a.from === b.from || a.to === b.to);
  const settled = (c: RenameCandidate) => decisions.some((d) => d.candidate === c || (d.by !== 'declined' && conflicts(d.candidate, c)));
  for (const c of candidates) {
    if (settled(c) || !options.ask || options.allowDataLoss) continue;
    const yes = await options.ask(`Rename ${c.kind} ${c.from} to ${c.to}, keeping its data? (no: drop it and create ${c.to} empty)`);
    decisions.push({ candidate: c, by: yes ? 'prompt' : 'declined' });
  }
  const confirmed = decisions.filter((d) => d.by !== 'declined').map((d) => d.candidate);
  const undecided = candidates.filter((c) => !settled(c));
  if (undecided.length && !options.allowDataLoss) {
    const flags = undecided.map((c) => `--rename ${c.from}=${c.to}`).join(' ');
    throw new DbalignError(
      `the plan would delete data where ${undecided.length === 1 ? 'a rename is' : 'renames are'} likely (${undecided.map((c) => `${c.kind} ${c.from} dropped, ${c.to} created alike`).join('; ')}): keep the data with ${flags}, or pass --allow-data-loss to drop and create`,
    );
  }
  const report: RenameReport = { candidates, decisions };
  if (!confirmed.length) return { ...compareSnapshots(from, to, { safe: options.safe, withOwners: from.scope.withOwners }), renames: report };
  if (!options.context) throw new DbalignError('renames need a shadow database to plan against: run in a project folder');
  const sql = confirmed.flatMap((c) => renameSql(c, from, to));
  const { renamed, follow } = await applyRenames(from, to, sql, options.context, log);
  const rest = compareSnapshots(renamed, to, { safe: options.safe, withOwners: from.scope.withOwners });
  const steps: Step[] = [
    ...confirmed.flatMap((c) =>
      renameSql(c, from, to).map((s) => ({ sql: s, hazards: [], kind: 'table' as const, key: c.kind === 'table' ? c.toTable! : c.table, op: 'alter' as const })),
    ),
    ...follow.map((f) => ({ sql: f.sql, hazards: [], kind: f.kind, key: f.key, op: 'alter' as const })),
  ];
  const plan = { ...rest.plan, steps: [...steps, ...rest.plan.steps] };
  const objects = [
    ...confirmed.map((c) => ({ key: c.kind === 'table' ? c.toTable! : c.table, kind: 'table', op: 'alter' as const })),
    ...follow.map((f) => ({ key: f.key, kind: f.kind, op: 'alter' as const })),
    ...rest.objects.filter((o) => !confirmed.some((c) => (c.kind === 'table' ? c.toTable : c.table) === o.key)),
  ];
  return { plan, sql: renderPlan(plan), objects, warnings: rest.warnings, renames: report };
}

/**
 * Constraints and indexes of the renamed tables whose names follow the table
 * in `to` (posts_pkey becoming articles_pkey): renamed too, rather than
 * dropped and built again. Nothing is lost either way, so nobody is asked.
 */
function followingRenames(mid: Snapshot, to: Snapshot): Array<{ sql: string; kind: 'constraint' | 'index'; key: string }> {
  const out: Array<{ sql: string; kind: 'constraint' | 'index'; key: string }> = [];
  const used = new Set<string>();
  for (const before of Object.values(mid.objects)) {
    if (to.objects[before.key]) continue;
    if (before.kind === 'constraint') {
      const match = Object.values(to.objects).find(
        (a) => a.kind === 'constraint' && !mid.objects[a.key] && !used.has(a.key) && a.table === before.table && a.type === before.type && a.definition === before.definition,
      );
      if (!match || match.kind !== 'constraint') continue;
      used.add(match.key);
      out.push({ sql: `ALTER TABLE ${ident(before.schema)}.${ident(before.tableName)} RENAME CONSTRAINT ${ident(before.name)} TO ${ident(match.name)};`, kind: 'constraint', key: match.key });
    } else if (before.kind === 'index') {
      const shape = (d: string, name: string) => d.replace(` INDEX ${name} ON `, ' INDEX ? ON ').replace(` INDEX ${ident(name)} ON `, ' INDEX ? ON ');
      const match = Object.values(to.objects).find(
        (a) => a.kind === 'index' && !mid.objects[a.key] && !used.has(a.key) && a.table === before.table && a.schema === before.schema && shape(a.definition, a.name) === shape(before.definition, before.name),
      );
      if (!match || match.kind !== 'index') continue;
      used.add(match.key);
      out.push({ sql: `ALTER INDEX ${ident(before.schema)}.${ident(before.name)} RENAME TO ${ident(match.name)};`, kind: 'index', key: match.key });
    }
  }
  return out;
}

/** `from` rebuilt in a shadow database with the renames run on it (and the renames that follow them), read back. */
async function applyRenames(
  from: Snapshot,
  to: Snapshot,
  renames: string[],
  ctx: RenameContext,
  log: Log,
): Promise<{ renamed: Snapshot; follow: ReturnType<typeof followingRenames> }> {
  const scope = from.scope;
  const base = { profile: ctx.profile, major: ctx.major, shadowUrl: ctx.shadowUrl };
  // What `from` adds to an empty database with the platform.
  const baseline = await readShadow(await createShadow(ctx.project, [], base, log), scope);
  const create = compareSnapshots(baseline, from, { withOwners: scope.withOwners }).sql;
  let follow: ReturnType<typeof followingRenames> = [];
  const shadow = await createShadow(ctx.project, [], {
    ...base,
    build: {
      what: 'the schema with the renames',
      run: async (c) => {
        for (const s of splitStatements(create, 'the schema')) await c.query(s.sql);
        for (const s of renames) await c.query(s);
        follow = followingRenames(await readSnapshot(c, scope), to);
        for (const f of follow) await c.query(f.sql);
      },
    },
  }, log);
  return { renamed: await readShadow(shadow, scope), follow };
}
