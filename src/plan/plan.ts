/**
 * planChanges: turns typed changes into ordered SQL steps. Order comes from
 * the recorded dependencies: a node per object for its drop ("pre") and its
 * create/alter ("post"), edges from the dependencies of both snapshots, then
 * a topological sort.
 */
import { ident, qualified } from '../catalog/keys.js';
import type { Column, DbObject, Kind, Snapshot, Type } from '../catalog/types.js';
import type { Change } from '../diff/changes.js';
import { KINDS, specOf } from './kinds/index.js';
import { typeNames } from './kinds/spec.js';
import { topoSort, type Node } from './order.js';
import { alterStatements, createStatements, dropStatement, metaStatements, sequenceOwnedBy, preStatements, sqlContext, type SqlContext, type Stmt } from './sql.js';
import { UnsafePlanError, type Plan, type PlanOptions, type Step } from './types.js';

const kindRank = (k: Kind) => String(KINDS[k].order).padStart(2, '0');

type Phase = 'pre' | 'placeholder' | 'post' | 'disown' | 'owned';

interface Group {
  node: Node;
  kind: Kind;
  key: string;
  op: Step['op'];
  stmts: Stmt[];
}

export function planChanges(changes: Change[], from: Snapshot, to: Snapshot, options: PlanOptions = {}): Plan {
  const created = new Set<string>();
  for (const c of changes) if (c.op === 'create' || c.op === 'recreate') created.add(c.key);
  const ctx: SqlContext = sqlContext(from, to, options.withOwners === true, created);
  const byKey = new Map(changes.map((c) => [c.key, c]));
  const groups = new Map<string, Group>();
  const id = (phase: Phase, key: string) => `${phase}:${key}`;
  const group = (phase: Phase, c: { kind: Kind; key: string }, op: Step['op'], stmts: Stmt[]) => {
    if (!stmts.length) return;
    const rank =
      phase === 'pre' ? `0${String(99 - KINDS[c.kind].order).padStart(2, '0')}${c.key}` : `${phase === 'disown' || phase === 'placeholder' ? 1 : phase === 'post' ? 2 : 3}${kindRank(c.kind)}${c.key}`;
    groups.set(id(phase, c.key), { node: { id: id(phase, c.key), rank }, kind: c.kind, key: c.key, op, stmts });
  };

  // Objects whose placeholder comes first (a base type's shell), and the objects made between
  // the two; what such an object takes with it when dropped (CASCADE) has no drop of its own.
  const placeheldBy = new Map<string, string>();
  const droppedWith = new Set<string>();
  for (const c of changes) {
    if (c.op === 'drop' || c.op === 'recreate') for (const k of specOf(c.before).placeheld?.(c.before, from) ?? []) droppedWith.add(k);
    if (c.op === 'create' || c.op === 'recreate') {
      const spec = specOf(c.after);
      if (!spec.placeholder?.(c.after).length) continue;
      group('placeholder', c, 'create', spec.placeholder(c.after));
      for (const k of spec.placeheld?.(c.after, to) ?? []) placeheldBy.set(k, c.key);
    }
  }

  const notes: string[] = [];
  for (const c of changes) {
    const managed = (o: DbObject | undefined) => o?.kind === 'table' && o.managed;
    if ((c.op === 'create' && managed(c.after)) || (c.op === 'drop' && managed(c.before))) {
      notes.push(`${c.key} exists in only one database; its schema is managed by the platform, so it is left alone`);
      continue;
    }
    if (c.op === 'drop') {
      if (!droppedWithOwner(c.before, byKey, to) && !droppedWith.has(c.key)) group('pre', c, 'drop', [dropStatement(c.before, ctx)]);
      if (c.before.kind === 'sequence' && c.before.ownedBy && to.objects[c.before.ownedBy.table]) {
        // Its table stays: detach the sequence first so dropping it is explicit.
        group('disown', c, 'alter', [{ sql: sequenceOwnedBy({ ...c.before, ownedBy: null }), hazards: [] }]);
        group('pre', c, 'drop', [dropStatement(c.before, ctx)]);
      }
    } else if (c.op === 'create') {
      group('post', c, 'create', [...createStatements(c.after, ctx), ...meta(null, c.after, ctx)]);
      if (c.after.kind === 'sequence' && c.after.ownedBy) group('owned', c, 'alter', [{ sql: sequenceOwnedBy(c.after), hazards: [] }]);
    } else if (c.op === 'alter') {
      group('pre', c, 'alter', preStatements(c.before, c.after, ctx));
      group('post', c, 'alter', alterStatements(c.before, c.after, ctx));
      if (c.kind === 'sequence') {
        const b = c.before;
        const same = JSON.stringify(b.ownedBy) === JSON.stringify(c.after.ownedBy);
        if (!same && b.ownedBy) group('disown', c, 'alter', [{ sql: sequenceOwnedBy({ ...b, ownedBy: null }), hazards: [] }]);
        if (!same && c.after.ownedBy) group('owned', c, 'alter', [{ sql: sequenceOwnedBy(c.after), hazards: [] }]);
      }
    } else if (c.kind === 'type' && c.before.type === c.after.type && (c.after.type === 'enum' || c.after.type === 'domain')) {
      group('post', c, 'alter', rebuildType(c.before, c.after, from, to, ctx));
    } else {
      // A base type created again: the columns tables keep of it wait as text meanwhile.
      const moves = c.kind === 'type' && c.before.type === 'base' && c.after.type === 'base' ? baseTypeColumnMoves(c.before, c.after, from, to, ctx) : { out: [], back: [] };
      if (!droppedWith.has(c.key)) group('pre', c, 'drop', [...moves.out, dropStatement(c.before, ctx)]);
      group('post', c, 'create', [...createStatements(c.after, ctx), ...moves.back, ...meta(null, c.after, ctx)]);
      if (c.after.kind === 'sequence' && c.after.ownedBy) group('owned', c, 'alter', [{ sql: sequenceOwnedBy(c.after), hazards: [] }]);
    }
  }

  // Edges from dependencies.
  const edges: Array<[string, string]> = [];
  const soft: Array<[string, string]> = [];
  const has = (phase: Phase, key: string) => groups.has(id(phase, key));
  for (const g of groups.values()) {
    const [phase] = g.node.id.split(':', 1) as [Phase];
    const key = g.key;
    const before = from.objects[key];
    const after = to.objects[key];
    if (phase === 'pre') {
      if (has('post', key)) edges.push([g.node.id, id('post', key)]);
      // Drop what uses a thing before dropping or changing that thing.
      for (const d of before?.deps ?? []) {
        if (has('pre', d)) edges.push([g.node.id, id('pre', d)]);
        if (has('post', d)) edges.push([g.node.id, id('post', d)]);
      }
    } else if (phase === 'placeholder') {
      edges.push([g.node.id, id('post', key)]);
      if (has('pre', key)) edges.push([id('pre', key), g.node.id]);
    } else if (phase === 'post') {
      const first = g.op === 'alter' && before && after ? (specOf(after).precedes?.(before, after, ctx) ?? []) : [];
      const held = placeheldBy.get(key);
      for (const d of after?.deps ?? []) {
        if (d === held) edges.push([id('placeholder', d), g.node.id]);
        else if (has('post', d)) edges.push(first.includes(d) ? [g.node.id, id('post', d)] : [id('post', d), g.node.id]);
      }
      if (after) for (const d of specOf(after).uses?.(after, ctx) ?? []) if (d !== key && has('post', d)) soft.push([id('post', d), g.node.id]);
      // Stop using something (alter) before it is dropped, unless the alter takes its name.
      const taken = g.op === 'alter' && before && after ? (specOf(after).takes?.(before, after, ctx) ?? []) : [];
      for (const d of taken) if (has('pre', d)) edges.push([id('pre', d), g.node.id]);
      if (before && g.op === 'alter') {
        // What its pre step let go of, it no longer waits for.
        const now = new Set([...(after?.deps ?? []), ...(has('pre', key) ? (specOf(before).releases?.(before, ctx) ?? []) : [])]);
        for (const d of before.deps) if (!now.has(d) && has('pre', d) && !taken.includes(d)) edges.push([g.node.id, id('pre', d)]);
      }
    } else if (phase === 'disown') {
      // Only sequences are disowned (and owned), so before and after are sequences here.
      if (before?.kind === 'sequence' && before.ownedBy) {
        if (has('post', before.ownedBy.table)) edges.push([g.node.id, id('post', before.ownedBy.table)]);
        if (has('pre', before.ownedBy.table)) edges.push([g.node.id, id('pre', before.ownedBy.table)]);
      }
      if (has('pre', key)) edges.push([g.node.id, id('pre', key)]);
    } else if (phase === 'owned') {
      if (has('post', key)) edges.push([id('post', key), g.node.id]);
      if (after?.kind === 'sequence' && after.ownedBy && has('post', after.ownedBy.table)) edges.push([id('post', after.ownedBy.table), g.node.id]);
      if (has('disown', key)) edges.push([id('disown', key), g.node.id]);
    }
  }

  // A dropped object frees its name (relations and types share one namespace) for what is created.
  const freedBy = new Map<string, string>();
  for (const g of groups.values()) {
    if (!g.node.id.startsWith('pre:')) continue;
    freedBy.set(nameSlot(g.kind, g.key), g.node.id);
    const before = from.objects[g.key];
    const after = to.objects[g.key];
    if (g.op === 'alter' && before && after) for (const k of specOf(after).frees?.(before, after, ctx) ?? []) freedBy.set(nameSlot('sequence', k), g.node.id);
  }
  for (const g of groups.values()) {
    if (!g.node.id.startsWith('post:')) continue;
    const pre = freedBy.get(nameSlot(g.kind, g.key));
    if (pre && pre !== id('pre', g.key)) edges.push([pre, g.node.id]);
  }

  // A new overload is created after the old ones of its name go, so calls are not ambiguous meanwhile.
  const droppedRoutines = new Map<string, string[]>();
  for (const g of groups.values()) {
    const f = from.objects[g.key];
    if (g.node.id.startsWith('pre:') && g.op === 'drop' && f?.kind === 'function') pushTo(droppedRoutines, qualified(f.schema, f.name), g.node.id);
  }
  if (droppedRoutines.size)
    for (const g of groups.values()) {
      const f = to.objects[g.key];
      if (!g.node.id.startsWith('post:') || g.op !== 'create' || f?.kind !== 'function') continue;
      for (const pre of droppedRoutines.get(qualified(f.schema, f.name)) ?? []) if (pre !== id('pre', g.key)) soft.push([pre, g.node.id]);
    }

  const { order, cyclic } = topoSort([...groups.values()].map((g) => g.node), edges, soft);
  const warnings = [...new Set([...from.warnings, ...to.warnings, ...notes])];
  if (cyclic.length) warnings.push(`dependency cycle among: ${cyclic.map((n) => n.id).join(', ')}; emitted in name order`);
  const steps: Step[] = [];
  // Bodies may name objects created later in the plan: checked when they run, as pg_dump's output is.
  const needsNoBodyCheck = [...groups.values()].some((g) => g.kind === 'function' && g.op !== 'drop');
  const settings = needsNoBodyCheck ? ['SET check_function_bodies = false;'] : [];
  for (const n of [...order, ...cyclic]) {
    const g = groups.get(n.id)!;
    for (const st of g.stmts) steps.push({ sql: st.sql, hazards: st.hazards, kind: g.kind, key: g.key, op: g.op });
  }
  if (options.safe) {
    const bad = steps.filter((s) => s.hazards.some((h) => h.type === 'deletes_data'));
    if (bad.length) throw new UnsafePlanError(bad);
  }
  return { settings, steps, warnings };
}

function pushTo<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/** Keys of objects that would clash on name: relations and types live in one namespace per schema. */
function nameSlot(kind: Kind, key: string): string {
  return KINDS[kind].relationNamespace ? `relation ${key.slice(key.indexOf(' ') + 1)}` : key;
}

function meta(before: DbObject | null, after: DbObject, ctx: SqlContext): Stmt[] {
  return metaStatements(before, after, ctx).map((sql) => ({ sql, hazards: [] }));
}

/**
 * Objects that go away with another: a sequence OWNED BY a column with its
 * table, a partition's attached index with its table or parent index.
 */
function droppedWithOwner(obj: DbObject, changes: Map<string, Change>, to: Snapshot): boolean {
  const gone = (key: string) => {
    const c = changes.get(key);
    return c !== undefined && (c.op === 'drop' || c.op === 'recreate');
  };
  if (obj.kind === 'index' && obj.parentIndex) return gone(obj.parentIndex) || gone(obj.table);
  if (obj.kind !== 'sequence' || !obj.ownedBy) return false;
  const c = changes.get(obj.ownedBy.table);
  return c !== undefined && (c.op === 'drop' || c.op === 'recreate') && !to.objects[obj.ownedBy.table];
}

/**
 * The columns of a type (or arrays of it) that tables keep while the type is created again. A
 * table dropped or created again keeps none, and a column the table drops goes in its pre step.
 */
function keptColumnsOfType(before: Type, from: Snapshot, to: Snapshot, ctx: SqlContext): Array<{ rel: string; column: Column; target: Column; array: boolean }> {
  const names = typeNames(before);
  const out: Array<{ rel: string; column: Column; target: Column; array: boolean }> = [];
  for (const obj of Object.values(from.objects)) {
    if (obj.kind !== 'table' || !obj.deps.includes(before.key)) continue;
    const table = to.objects[obj.key];
    if (!table || table.kind !== 'table' || ctx.created.has(obj.key)) continue;
    for (const column of obj.columns) {
      const target = table.columns.find((x) => x.name === column.name);
      const array = column.type.endsWith('[]');
      if (column.local && target && names.has(array ? column.type.slice(0, -2) : column.type)) out.push({ rel: qualified(obj.schema, obj.name), column, target, array });
    }
  }
  return out;
}

/**
 * A base type created again: the columns tables keep of it are moved to text (`out`, before
 * DROP TYPE … CASCADE would take them) and back through the new type's input function (`back`,
 * once it exists), with their defaults, as enums' columns are.
 */
function baseTypeColumnMoves(before: Type, after: Type, from: Snapshot, to: Snapshot, ctx: SqlContext): { out: Stmt[]; back: Stmt[] } {
  const name = qualified(after.schema, after.name);
  const out: Stmt[] = [];
  const back: Stmt[] = [];
  for (const { rel, column, target, array } of keptColumnsOfType(before, from, to, ctx)) {
    const c = ident(column.name);
    const suffix = array ? '[]' : '';
    const lock = { type: 'access_exclusive_lock' as const, detail: `locks ${rel}` };
    if (column.default !== null) out.push({ sql: `ALTER TABLE ${rel} ALTER COLUMN ${c} DROP DEFAULT;`, hazards: [] });
    out.push({ sql: `ALTER TABLE ${rel} ALTER COLUMN ${c} TYPE text${suffix} USING ${c}::text${suffix};`, hazards: [{ type: 'rewrites_table', detail: `rewrites ${rel}: ${c} is held as text while ${name} is created again` }, lock] });
    back.push({
      sql: `ALTER TABLE ${rel} ALTER COLUMN ${c} TYPE ${name}${suffix} USING ${c}::${name}${suffix};`,
      hazards: [{ type: 'rewrites_table', detail: `rewrites ${rel}; fails if a value's text does not read back into the new ${name}` }, lock],
    });
    if (column.default !== null && target.default !== null) back.push({ sql: `ALTER TABLE ${rel} ALTER COLUMN ${c} SET DEFAULT ${target.default};`, hazards: [] });
  }
  return { out, back };
}

/**
 * An enum whose values are removed or reordered, or a domain whose base type changes, while
 * columns use it: the type is renamed, created anew, every column moved over through text,
 * and the old one dropped.
 */
function rebuildType(before: Type, after: Type, from: Snapshot, to: Snapshot, ctx: SqlContext): Stmt[] {
  const word = after.type === 'domain' ? 'DOMAIN' : 'TYPE';
  const name = qualified(after.schema, after.name);
  const oldName = `${after.name}__dbalign_old`;
  const out: Stmt[] = [{ sql: `ALTER ${word} ${name} RENAME TO ${ident(oldName)};`, hazards: [] }];
  out.push(...createStatements(after, ctx), ...meta(null, after, ctx));
  const fails = after.type === 'domain' ? 'fails if a row does not fit the new domain' : 'fails if a row holds a removed value';
  for (const { rel, column, target, array } of keptColumnsOfType(before, from, to, ctx)) {
    const c = ident(column.name);
    const newType = array ? `${name}[]` : name;
    if (column.default !== null) out.push({ sql: `ALTER TABLE ${rel} ALTER COLUMN ${c} DROP DEFAULT;`, hazards: [] });
    out.push({
      sql: `ALTER TABLE ${rel} ALTER COLUMN ${c} TYPE ${newType} USING ${c}::text${array ? '[]' : ''}::${newType};`,
      hazards: [
        { type: 'rewrites_table', detail: `rewrites ${rel}; ${fails}` },
        { type: 'access_exclusive_lock', detail: `locks ${rel}` },
      ],
    });
    if (column.default !== null && target.default !== null) out.push({ sql: `ALTER TABLE ${rel} ALTER COLUMN ${c} SET DEFAULT ${target.default};`, hazards: [] });
  }
  out.push({ sql: `DROP ${word} ${qualified(after.schema, oldName)};`, hazards: [] });
  return out;
}
