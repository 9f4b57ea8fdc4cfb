/**
 * Tables with their columns, and what lives on a table: constraints and indexes. Holds the
 * table and column engine (create, alter in place, inheritance and partitions, identity).
 */
import { ident, keyOf, literal, qualified } from '../../catalog/keys.js';
import type { Column, Constraint, DbObject, Grant, IdentitySequence, Index, SecurityLabel, Table, View } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { commentOn, grantStatements, securityLabelStatements } from '../acl.js';
import { optionChanges, optionsClause, secretHazards } from './foreign.js';
import { callsAny, h, NO_PRIVILEGES, rebuiltFunctionKeys, rebuiltFunctions, s, typeNames, tableName, type KindSpec, type SqlContext, type Stmt } from './spec.js';

const STORAGE: Record<string, string> = { p: 'PLAIN', e: 'EXTERNAL', m: 'MAIN', x: 'EXTENDED' };

function storageName(code: string): string {
  return STORAGE[code] ?? 'EXTENDED';
}

/** The type's own storage, for going back to it (varlena types are EXTENDED, fixed-size PLAIN). */
function defaultStorage(type: string): string {
  return /^(integer|bigint|smallint|boolean|real|double precision|date|timestamp|time|uuid|oid)\b/.test(type) ? 'p' : 'x';
}

/** Per-column settings CREATE TABLE cannot express. */
function columnSettings(alter: string, c: Column): Stmt[] {
  const out: Stmt[] = [];
  const col = ident(c.name);
  if (c.storage) out.push(s(`${alter} ALTER COLUMN ${col} SET STORAGE ${storageName(c.storage)};`));
  if (c.compression) out.push(s(`${alter} ALTER COLUMN ${col} SET COMPRESSION ${c.compression === 'l' ? 'lz4' : 'pglz'};`));
  if (c.statistics !== null) out.push(s(`${alter} ALTER COLUMN ${col} SET STATISTICS ${c.statistics};`));
  return out;
}

function identityOptions(q: IdentitySequence | undefined, schema: string): string {
  if (!q) return '';
  return ` (SEQUENCE NAME ${qualified(schema, q.name)} START WITH ${q.start} INCREMENT BY ${q.increment} MINVALUE ${q.min} MAXVALUE ${q.max} CACHE ${q.cache}${q.cycle ? ' CYCLE' : ''})`;
}

/** ALTER COLUMN … SET options of an identity column whose sequence changes (name aside). */
function identityChanges(o: IdentitySequence | undefined, c: IdentitySequence | undefined): string {
  if (!o || !c) return '';
  const sets: string[] = [];
  if (o.increment !== c.increment) sets.push(`SET INCREMENT BY ${c.increment}`);
  if (o.min !== c.min) sets.push(`SET MINVALUE ${c.min}`);
  if (o.max !== c.max) sets.push(`SET MAXVALUE ${c.max}`);
  if (o.start !== c.start) sets.push(`SET START WITH ${c.start}`);
  if (o.cache !== c.cache) sets.push(`SET CACHE ${c.cache}`);
  if (o.cycle !== c.cycle) sets.push(c.cycle ? 'SET CYCLE' : 'SET NO CYCLE');
  return sets.join(' ');
}

/** The range of an integer type a sequence can have. */
const SEQUENCE_TYPE_RANGE: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/** Do an identity's bounds fit a column type (so they can be set while the column still has it)? */
function boundsFit(q: IdentitySequence, type: string): boolean {
  const range = SEQUENCE_TYPE_RANGE[type];
  return range !== undefined && BigInt(q.min) >= range[0] && BigInt(q.max) <= range[1];
}

/**
 * New bounds the sequence's current value may fall outside (ALTER … SET MAXVALUE refuses then):
 * the value is moved to the nearest bound first, as far as the sequence can go. setval stays
 * inside the old bounds, so where the new ones do not overlap them the sequence first takes both.
 */
function clampToBounds(seq: string, o: IdentitySequence, c: IdentitySequence, widen: string): Stmt[] {
  const out: Stmt[] = [];
  const [oMin, oMax, cMin, cMax] = [o.min, o.max, c.min, c.max].map((v) => BigInt(v)) as [bigint, bigint, bigint, bigint];
  if (cMin > oMax || cMax < oMin) out.push(s(`${widen} SET MINVALUE ${oMin < cMin ? oMin : cMin} SET MAXVALUE ${oMax > cMax ? oMax : cMax};`));
  if (BigInt(c.max) < BigInt(o.max)) out.push(s(`SELECT setval(${literal(seq)}, ${c.max}) FROM ${seq} WHERE last_value > ${c.max};`));
  if (BigInt(c.min) > BigInt(o.min)) out.push(s(`SELECT setval(${literal(seq)}, ${c.min}, false) FROM ${seq} WHERE last_value < ${c.min};`));
  return out;
}

function columnDefinition(c: Column, schema: string): string {
  let sql = `${ident(c.name)} ${c.type}${optionsClause(c.options)}`;
  if (c.collation) sql += ` COLLATE ${c.collation}`;
  if (c.generated === 's') sql += ` GENERATED ALWAYS AS (${c.default}) STORED`;
  else if (c.default !== null) sql += ` DEFAULT ${c.default}`;
  if (c.identity) sql += ` GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${identityOptions(c.identitySequence, schema)}`;
  if (c.notNull) sql += ' NOT NULL';
  return sql;
}

/** SERVER and OPTIONS of a foreign table's CREATE, and the hazard of a secret among its options. */
function foreignTail(t: Table): { sql: string; hazards: Stmt['hazards'] } {
  const f = t.foreign!;
  const what = `foreign table ${qualified(t.schema, t.name)}`;
  const hazards = [...secretHazards(what, [], f.options, `ALTER FOREIGN TABLE ${qualified(t.schema, t.name)}`)];
  for (const c of t.columns) hazards.push(...secretHazards(`${what} column ${ident(c.name)}`, [], c.options, `ALTER FOREIGN TABLE ${qualified(t.schema, t.name)} ALTER COLUMN ${ident(c.name)}`));
  return { sql: ` SERVER ${ident(f.serverName)}${optionsClause(f.options)}`, hazards };
}

function createTable(t: Table, ctx: SqlContext): Stmt[] {
  const name = qualified(t.schema, t.name);
  if (t.foreign) return createForeignTable(t, ctx);
  const tail: string[] = [];
  if (t.partitionKey) tail.push(`PARTITION BY ${t.partitionKey}`);
  if (t.accessMethod) tail.push(`USING ${ident(t.accessMethod)}`);
  if (t.options.length) tail.push(`WITH (${t.options.join(', ')})`);
  // A partition goes to its parent's tablespace unless told otherwise.
  const parentTablespace = t.partitionOf ? tablespaceOf(ctx.to.objects[t.partitionOf]) : undefined;
  if (t.tablespace || parentTablespace) tail.push(`TABLESPACE ${ident(t.tablespace ?? 'pg_default')}`);
  const out: Stmt[] = [];
  const unlogged = t.unlogged ? 'UNLOGGED ' : '';
  if (t.partitionOf) {
    const parent = ctx.to.objects[t.partitionOf];
    out.push(s(`CREATE ${unlogged}TABLE ${name} PARTITION OF ${tableName(t.partitionOf)} ${t.partitionBound}${tail.length ? ' ' + tail.join(' ') : ''};`));
    // Columns come from the parent; set what this partition has differently.
    const base: Table = { ...t, columns: parent?.kind === 'table' ? parent.columns.map((c) => ({ ...c, local: false, comment: null, grants: [] })) : t.columns };
    out.push(...alterColumns(base, t, true));
  } else {
    const cols = t.columns.filter((c) => c.local).map((c) => columnDefinition(c, t.schema));
    const inherits = t.inherits.length ? ` INHERITS (${t.inherits.map(tableName).join(', ')})` : '';
    out.push(s(`CREATE ${unlogged}TABLE ${name} (${cols.length ? '\n    ' + cols.join(',\n    ') + '\n' : ''})${inherits}${tail.length ? ' ' + tail.join(' ') : ''};`));
    for (const c of t.columns) if (c.local) out.push(...columnSettings(`ALTER TABLE ${name}`, c));
    if (t.inherits.length) {
      const inherited = new Map<string, Column>();
      for (const p of t.inherits) {
        const parent = ctx.to.objects[p];
        if (parent?.kind === 'table') for (const c of parent.columns) if (!inherited.has(c.name)) inherited.set(c.name, c);
      }
      const base: Table = { ...t, columns: t.columns.map((c) => (c.local ? c : { ...(inherited.get(c.name) ?? c), local: false })) };
      out.push(...alterColumns(base, t, true));
    }
  }
  out.push(...tableFlags(null, t, ctx));
  return out;
}

/** A foreign table: its columns (or partition bound), server and options; no storage of its own. */
function createForeignTable(t: Table, ctx: SqlContext): Stmt[] {
  const name = qualified(t.schema, t.name);
  const tail = foreignTail(t);
  const out: Stmt[] = [];
  if (t.partitionOf) {
    const parent = ctx.to.objects[t.partitionOf];
    out.push(s(`CREATE FOREIGN TABLE ${name} PARTITION OF ${tableName(t.partitionOf)} ${t.partitionBound}${tail.sql};`, ...tail.hazards));
    const base: Table = { ...t, columns: parent?.kind === 'table' ? parent.columns.map((c) => ({ ...c, local: false, comment: null, grants: [], options: undefined })) : t.columns };
    out.push(...alterColumns(base, t, true));
    return out;
  }
  const cols = t.columns.filter((c) => c.local).map((c) => columnDefinition(c, t.schema));
  const inherits = t.inherits.length ? ` INHERITS (${t.inherits.map(tableName).join(', ')})` : '';
  out.push(s(`CREATE FOREIGN TABLE ${name} (${cols.length ? '\n    ' + cols.join(',\n    ') + '\n' : ''})${inherits}${tail.sql};`, ...tail.hazards));
  for (const c of t.columns) if (c.local) out.push(...columnSettings(`ALTER FOREIGN TABLE ${name}`, c));
  if (t.inherits.length) {
    const inherited = new Map<string, Column>();
    for (const p of t.inherits) {
      const parent = ctx.to.objects[p];
      if (parent?.kind === 'table') for (const c of parent.columns) if (!inherited.has(c.name)) inherited.set(c.name, c);
    }
    const base: Table = { ...t, columns: t.columns.map((c) => (c.local ? c : { ...(inherited.get(c.name) ?? c), local: false, options: undefined })) };
    out.push(...alterColumns(base, t, true));
  }
  return out;
}

function tableFlags(before: Table | null, t: Table, ctx: SqlContext, skipReplicaIdentity = false): Stmt[] {
  const name = qualified(t.schema, t.name);
  const out: Stmt[] = [];
  const lock = before && !ctx.created.has(t.key) ? [h('access_exclusive_lock', `locks ${name}`)] : [];
  if ((before?.rowSecurity ?? false) !== t.rowSecurity) out.push(s(`ALTER TABLE ${name} ${t.rowSecurity ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY;`, ...lock));
  if ((before?.forceRowSecurity ?? false) !== t.forceRowSecurity) out.push(s(`ALTER TABLE ${name} ${t.forceRowSecurity ? '' : 'NO '}FORCE ROW LEVEL SECURITY;`, ...lock));
  // A partitioned table has no files: only where its new partitions go changes.
  if (before) out.push(...setTablespace(`ALTER TABLE ${name}`, before.tablespace, t.tablespace, t.partitioned ? null : 'rewrites_table'));
  out.push(...clusterChange(before, t, ctx));
  if (t.managed || skipReplicaIdentity) return out;
  out.push(...replicaIdentity(before, t, ctx));
  return out;
}

/** ALTER TABLE or ALTER MATERIALIZED VIEW, for what tables and materialized views share. */
const alterRelation = (t: Table | View) => `ALTER ${t.kind === 'matview' ? 'MATERIALIZED VIEW' : 'TABLE'} ${qualified(t.schema, t.name)}`;

/**
 * CLUSTER ON or SET WITHOUT CLUSTER where the marked index changes. An index created by this plan
 * is marked once it exists (clusterOnCreated, from createIndex and createConstraint).
 */
export function clusterChange(before: Table | View | null, after: Table | View, ctx: SqlContext): Stmt[] {
  if ((before?.clusterOn ?? null) === (after.clusterOn ?? null)) return [];
  const index = after.clusterOn;
  if (index && (ctx.created.has(keyOf.relation('index', after.schema, index)) || ctx.created.has(keyOf.constraint(after.schema, after.name, index)))) return [];
  return [s(index ? `${alterRelation(after)} CLUSTER ON ${ident(index)};` : `${alterRelation(after)} SET WITHOUT CLUSTER;`)];
}

/** CLUSTER ON for an index (or a constraint's) just created, when the target marks it. */
function clusterOnCreated(relationKey: string, index: string, ctx: SqlContext): Stmt[] {
  const t = ctx.to.objects[relationKey];
  return (t?.kind === 'table' || t?.kind === 'matview') && t.clusterOn === index ? [s(`${alterRelation(t)} CLUSTER ON ${ident(index)};`)] : [];
}

/**
 * `<alter> SET TABLESPACE` where a table's, materialized view's or index's tablespace is not the
 * one wanted (undefined: the database's default; `now` is '' where it cannot be known). `hazard`
 * says what copying an existing one's files under an ACCESS EXCLUSIVE lock is, or null for none.
 */
export function setTablespace(alter: string, now: string | undefined, wanted: string | undefined, hazard: 'rewrites_table' | 'access_exclusive_lock' | null): Stmt[] {
  if ((now ?? null) === (wanted ?? null)) return [];
  const to = ident(wanted ?? 'pg_default');
  const sql = `${alter} SET TABLESPACE ${to};`;
  return [hazard ? s(sql, h(hazard, `moves ${alter.slice('ALTER '.length)} to tablespace ${to}: its files are copied under an ACCESS EXCLUSIVE lock`)) : s(sql)];
}

function replicaIdentity(before: Table | null, t: Table, ctx: SqlContext): Stmt[] {
  const ri = (x: Table | null) => (x ? `${x.replicaIdentity}:${x.replicaIdentityIndex}` : 'd:null');
  if (ri(before) === ri(t)) return [];
  // An index created by this plan sets it itself, once it exists.
  if (t.replicaIdentity === 'i' && ctx.created.has(`index ${qualified(t.schema, t.replicaIdentityIndex ?? '')}`)) return [];
  return [s(replicaIdentitySql(t))];
}

function replicaIdentitySql(t: Table): string {
  const mode = { d: 'DEFAULT', n: 'NOTHING', f: 'FULL', i: `USING INDEX ${ident(t.replicaIdentityIndex ?? '')}` }[t.replicaIdentity];
  return `ALTER TABLE ${qualified(t.schema, t.name)} REPLICA IDENTITY ${mode};`;
}

/**
 * Columns switching between serial and identity while one sequence name passes from the old
 * sequence to the new (column → that sequence's key). Going to identity, the column drops its
 * default before the serial's sequence is dropped, and the identity takes the name after;
 * leaving identity, the column drops it (its sequence goes with it) before the serial's sequence
 * is created under that name.
 */
function sequenceHandovers(b: Table, a: Table, ctx: SqlContext): { toIdentity: Map<string, string>; fromIdentity: Map<string, string> } {
  const out = { toIdentity: new Map<string, string>(), fromIdentity: new Map<string, string>() };
  if (ctx.created.has(a.key) || a.managed || b.managed) return out;
  const old = new Map(b.columns.map((c) => [c.name, c]));
  for (const c of a.columns) {
    const o = old.get(c.name);
    if (!o) continue;
    if (c.identity && !o.identity && c.identitySequence) {
      const key = keyOf.relation('sequence', a.schema, c.identitySequence.name);
      if (ctx.from.objects[key]?.kind === 'sequence' && !ctx.to.objects[key]) out.toIdentity.set(c.name, key);
    } else if (o.identity && !c.identity && o.identitySequence) {
      const key = keyOf.relation('sequence', b.schema, o.identitySequence.name);
      if (ctx.to.objects[key]?.kind === 'sequence' && !ctx.from.objects[key]) out.fromIdentity.set(c.name, key);
    }
  }
  return out;
}

/** Keeps a column's numbering going on its new sequence: the next value follows the highest one in the table. */
function continueNumbering(a: Table, column: string, sequenceKey: string): Stmt {
  const seq = tableName(sequenceKey);
  const col = ident(column);
  return s(`SELECT setval(${literal(seq)}, max(${col})) FROM ${qualified(a.schema, a.name)} HAVING max(${col}) IS NOT NULL;`);
}

/**
 * What must happen to a table before its old parent changes: leaving the
 * parent, and dropping its own copy of columns it will inherit instead.
 */
export function tablePreStatements(b: Table, a: Table, ctx: SqlContext): Stmt[] {
  if (a.managed || b.managed) return [];
  const name = qualified(a.schema, a.name);
  const out: Stmt[] = [];
  if (b.partitionOf && (b.partitionOf !== a.partitionOf || b.partitionBound !== a.partitionBound))
    out.push(s(`ALTER TABLE ${tableName(b.partitionOf)} DETACH PARTITION ${name};`));
  for (const p of b.inherits) if (!a.inherits.includes(p)) out.push(s(`ALTER TABLE ${name} NO INHERIT ${tableName(p)};`));
  const now = new Map(a.columns.map((c) => [c.name, c]));
  const sameParents = !a.partitionOf && !b.partitionOf && b.inherits.join() === a.inherits.join();
  // A column both local and inherited already cannot be dropped here.
  const inheritedBefore = new Set<string>();
  for (const p of b.inherits) {
    const parent = ctx.from.objects[p];
    if (parent?.kind === 'table') for (const c of parent.columns) inheritedBefore.add(c.name);
  }
  for (const c of b.columns) {
    if (sameParents && c.local && now.get(c.name)?.local === false && !inheritedBefore.has(c.name))
      out.push(s(`ALTER TABLE ${name} DROP COLUMN ${ident(c.name)};`, h('deletes_data', `drops ${name}'s own column ${ident(c.name)} so it is inherited instead`)));
  }
  for (const c of droppedOfRebuiltType(b, a, ctx))
    out.push(s(`ALTER TABLE ${name} DROP COLUMN ${ident(c)};`, h('deletes_data', `drops column ${ident(c)} of ${name}`), h('access_exclusive_lock', `locks ${name}`)));
  const callers = callersOfRebuilt(b, ctx);
  for (const c of callers.defaults) out.push(s(`ALTER TABLE ${name} ALTER COLUMN ${ident(c)} DROP DEFAULT;`));
  const handovers = sequenceHandovers(b, a, ctx);
  for (const c of handovers.toIdentity.keys()) if (b.columns.find((x) => x.name === c)?.default != null) out.push(s(`ALTER TABLE ${name} ALTER COLUMN ${ident(c)} DROP DEFAULT;`));
  for (const c of handovers.fromIdentity.keys()) out.push(s(`ALTER TABLE ${name} ALTER COLUMN ${ident(c)} DROP IDENTITY;`));
  for (const c of callers.generated)
    out.push(s(`ALTER TABLE ${name} DROP COLUMN ${ident(c)};`, h('access_exclusive_lock', `drops generated column ${ident(c)} of ${name}; it is added back, computed again`)));
  return out;
}

/**
 * Columns it drops whose type this plan rebuilds (an enum losing a value): dropped before the
 * rebuild, which would otherwise move their rows to the new type, and fail on a value it lacks.
 */
function droppedOfRebuiltType(b: Table, a: Table, ctx: SqlContext): Set<string> {
  const out = new Set<string>();
  const names = new Set<string>();
  for (const d of b.deps) {
    const t = ctx.from.objects[d];
    if (t?.kind === 'type' && ctx.created.has(d)) for (const n of typeNames(t)) names.add(n);
  }
  if (!names.size) return out;
  const now = new Set(a.columns.map((c) => c.name));
  for (const c of b.columns) if (c.local && !now.has(c.name) && names.has(c.type.replace(/(\[\])+$/, ''))) out.add(c.name);
  return out;
}

/**
 * Columns whose default or generation expression calls a function this plan drops or creates
 * anew: they let go of it first (DROP DEFAULT; a generated column is dropped, then added back).
 */
function callersOfRebuilt(b: Table, ctx: SqlContext): { defaults: Set<string>; generated: Set<string> } {
  const out = { defaults: new Set<string>(), generated: new Set<string>() };
  const names = rebuiltFunctions(b.deps, ctx);
  if (!names.length) return out;
  for (const c of b.columns) {
    if (c.default === null || !c.local || !callsAny(c.default, names)) continue;
    (c.generated ? out.generated : out.defaults).add(c.name);
  }
  return out;
}

/** Does an expression deparsed by PostgreSQL name this column (bare or quoted)? */
function mentionsColumn(expr: string, name: string): boolean {
  if (expr.includes(ident(name))) return true;
  return new RegExp(`(^|[^\\w"$.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w"$(])`).test(expr);
}

function alterTable(b: Table, a: Table, ctx: SqlContext): Stmt[] {
  const name = qualified(a.schema, a.name);
  const out: Stmt[] = [];
  if (a.managed || b.managed) return tableFlags(b, a, ctx);
  const isNew = ctx.created.has(a.key);
  if (a.foreign && b.foreign) return alterForeignTable(b, a, isNew);
  // Leave an index-based replica identity before its columns change.
  const riFirst = b.replicaIdentity === 'i' && (a.replicaIdentity !== 'i' || a.replicaIdentityIndex !== b.replicaIdentityIndex);
  if (riFirst) out.push(...replicaIdentity(b, a, ctx));
  // Columns that were only inherited, whose parent drops them, but stay here as the table's own.
  const inheritedNow = new Set<string>();
  for (const p of a.partitionOf ? [a.partitionOf] : a.inherits) {
    const parent = ctx.to.objects[p];
    if (parent?.kind === 'table') for (const c of parent.columns) inheritedNow.add(c.name);
  }
  // Leaving a parent (DETACH, NO INHERIT) makes every column the table's own.
  const leaves = (b.partitionOf && b.partitionOf !== a.partitionOf) || b.inherits.some((p) => !a.inherits.includes(p));
  if (leaves) b = { ...b, columns: b.columns.map((c) => ({ ...c, local: true })) };
  const oldCols = new Map(b.columns.map((c) => [c.name, c]));
  const readd = a.columns.filter((c) => c.local && oldCols.get(c.name)?.local === false && !inheritedNow.has(c.name));
  // Columns that let go of a rebuilt function before it (tablePreStatements) get it back here.
  const callers = callersOfRebuilt(b, ctx);
  const handovers = sequenceHandovers(b, a, ctx);
  const droppedFirst = droppedOfRebuiltType(b, a, ctx);
  const before: Table = {
    ...b,
    columns: b.columns
      .filter((c) => !readd.includes(a.columns.find((x) => x.name === c.name)!) && !callers.generated.has(c.name) && !droppedFirst.has(c.name))
      .map((c) =>
        callers.defaults.has(c.name) || handovers.toIdentity.has(c.name)
          ? { ...c, default: null }
          : handovers.fromIdentity.has(c.name)
            ? { ...c, identity: '' as const, identitySequence: undefined }
            : c,
      ),
  };
  out.push(...alterColumns(before, a, isNew));
  for (const [c, seq] of [...handovers.toIdentity, ...handovers.fromIdentity]) out.push(continueNumbering(a, c, seq));
  // Dropping a generated column took its indexes and constraints with it: create them again.
  const readded = [...callers.generated, ...regeneratedColumns(before, a)];
  if (readded.length) {
    for (const obj of Object.values(ctx.to.objects)) {
      if ((obj.kind !== 'index' && obj.kind !== 'constraint') || obj.table !== a.key || ctx.created.has(obj.key)) continue;
      const was = ctx.from.objects[obj.key];
      if ((was?.kind === 'index' || was?.kind === 'constraint') && readded.some((c) => mentionsColumn(was.definition, c)))
        out.push(...(obj.kind === 'index' ? createIndex(obj, ctx) : createConstraint(obj, ctx)));
    }
  }
  for (const p of a.inherits) if (!b.inherits.includes(p)) out.push(s(`ALTER TABLE ${name} INHERIT ${tableName(p)};`));
  if (a.partitionOf && (b.partitionOf !== a.partitionOf || b.partitionBound !== a.partitionBound))
    out.push(s(`ALTER TABLE ${tableName(a.partitionOf)} ATTACH PARTITION ${name} ${a.partitionBound};`, h('access_exclusive_lock', 'attaching a partition scans it for rows outside the bound')));
  if (b.unlogged !== a.unlogged)
    out.push(s(`ALTER TABLE ${name} SET ${a.unlogged ? 'UNLOGGED' : 'LOGGED'};`, h('rewrites_table', `rewrites ${name}`), h('access_exclusive_lock', `locks ${name}`)));
  if (b.options.join() !== a.options.join()) {
    if (a.options.length) out.push(s(`ALTER TABLE ${name} SET (${a.options.join(', ')});`));
    const gone = b.options.map((o) => o.split('=')[0]!).filter((o) => !a.options.some((x) => x.split('=')[0] === o));
    if (gone.length) out.push(s(`ALTER TABLE ${name} RESET (${gone.join(', ')});`));
  }
  if (b.accessMethod !== a.accessMethod)
    out.push(s(`ALTER TABLE ${name} SET ACCESS METHOD ${ident(a.accessMethod ?? 'heap')};`, h('rewrites_table', `rewrites ${name}`)));
  out.push(...tableFlags(b, a, ctx, riFirst));
  return out;
}

/**
 * A foreign table changed in place: its columns (as a table's, nothing to rewrite or scan), its
 * parents, and its options. Row security, persistence and storage are not a foreign table's.
 */
function alterForeignTable(b: Table, a: Table, isNew: boolean): Stmt[] {
  const name = qualified(a.schema, a.name);
  const leaves = (b.partitionOf && b.partitionOf !== a.partitionOf) || b.inherits.some((p) => !a.inherits.includes(p));
  const before = leaves ? { ...b, columns: b.columns.map((c) => ({ ...c, local: true })) } : b;
  const out = alterColumns(before, a, isNew);
  for (const p of a.inherits) if (!b.inherits.includes(p)) out.push(s(`ALTER FOREIGN TABLE ${name} INHERIT ${tableName(p)};`));
  if (a.partitionOf && (b.partitionOf !== a.partitionOf || b.partitionBound !== a.partitionBound))
    out.push(s(`ALTER TABLE ${tableName(a.partitionOf)} ATTACH PARTITION ${name} ${a.partitionBound};`));
  const changes = optionChanges(b.foreign!.options, a.foreign!.options);
  if (changes)
    out.push(s(`ALTER FOREIGN TABLE ${name} OPTIONS (${changes});`, ...secretHazards(`foreign table ${name}`, b.foreign!.options, a.foreign!.options, `ALTER FOREIGN TABLE ${name}`)));
  return out;
}

/** Changes PostgreSQL makes without rewriting: a wider length or precision of the same type, varchar to text. */
function binaryCompatible(from: string, to: string): boolean {
  if (/^character varying(\(\d+\))?$/.test(from) && to === 'text') return true;
  const f = /^(character varying|numeric|bit varying)\((\d+)(?:,(\d+))?\)$/.exec(from);
  const t = /^(character varying|numeric|bit varying)(?:\((\d+)(?:,(\d+))?\))?$/.exec(to);
  if (!f || !t || f[1] !== t[1]) return false;
  if (t[2] === undefined) return true;
  return Number(t[2]) >= Number(f[2]) && (f[3] ?? '0') === (t[3] ?? '0');
}

/**
 * The USING expression of a column type change. User-defined types (schema-
 * qualified by format_type) have no casts between each other: go through text.
 */
function castUsing(col: string, from: string, to: string): string {
  const userType = (t: string) => /^("[^"]*"|[^".[\]]+)\./.test(t);
  if (userType(from) || userType(to)) return `${col}::text${from.endsWith('[]') && to.endsWith('[]') ? '[]' : ''}::${to}`;
  return `${col}::${to}`;
}

/** Generated columns that use a column whose type changes: dropped, then added back. */
function regeneratedColumns(b: Table, a: Table): Set<string> {
  const old = new Map(b.columns.map((c) => [c.name, c]));
  const now = new Map(a.columns.map((c) => [c.name, c]));
  const retyped = a.columns.filter((c) => {
    const o = old.get(c.name);
    return o !== undefined && (o.type !== c.type || o.collation !== c.collation);
  });
  const out = new Set<string>();
  for (const o of b.columns) {
    if (!o.generated || o.default === null || !now.get(o.name)?.generated || !o.local) continue;
    if (retyped.some((r) => r.name !== o.name && mentionsColumn(o.default!, r.name))) out.add(o.name);
  }
  return out;
}

/** Column changes from `b` to `a`; with `fresh`, the table was just created (nothing to rewrite). */
function alterColumns(b: Table, a: Table, fresh: boolean): Stmt[] {
  const name = qualified(a.schema, a.name);
  const alter = `ALTER TABLE ${name}`;
  const out: Stmt[] = [];
  const now = new Map(a.columns.map((c) => [c.name, c]));
  const old = new Map(b.columns.map((c) => [c.name, c]));
  // A foreign table keeps no rows here: nothing to rewrite, scan or lose.
  const foreign = a.foreign !== undefined;
  const lock = fresh || foreign ? [] : [h('access_exclusive_lock', `locks ${name}`)];
  const rewrite = (what: string) => (fresh || foreign ? [] : [h('rewrites_table', what), ...lock]);
  for (const c of b.columns) {
    if (now.has(c.name) || !c.local) continue;
    out.push(s(`${alter} DROP COLUMN ${ident(c.name)};`, ...(foreign ? [] : [h('deletes_data', `drops column ${ident(c.name)} of ${name}`)]), ...lock));
  }
  // A column a generated column uses cannot change type: the generated one goes first and is
  // added back (computed again) once every type has changed.
  const regenerate = regeneratedColumns(b, a);
  for (const col of regenerate) {
    old.delete(col);
    out.push(s(`${alter} DROP COLUMN ${ident(col)};`, ...lock));
  }
  const later: Stmt[] = [];
  for (const c of a.columns) {
    let o = old.get(c.name);
    const col = ident(c.name);
    if (!o) {
      if (!c.local) continue; // arrives from the parent
      const hz = c.generated || c.identity ? rewrite(`adding ${col} fills every row`) : lock;
      (regenerate.has(c.name) ? later : out).push(s(`${alter} ADD COLUMN ${columnDefinition(c, a.schema)};`, ...hz), ...columnSettings(alter, c));
      continue;
    }
    // A generated column's expression cannot change in place before PostgreSQL 17: add it again.
    if (o.generated !== c.generated || (c.generated && o.default !== c.default)) {
      if (o.generated && !c.generated) {
        out.push(s(`${alter} ALTER COLUMN ${col} DROP EXPRESSION;`, ...lock));
        // What follows sees a plain column; a copy, as the snapshot may be planned against again.
        o = { ...o, generated: '' };
      } else {
        out.push(s(`${alter} DROP COLUMN ${col};`, ...lock));
        out.push(s(`${alter} ADD COLUMN ${columnDefinition(c, a.schema)};`, ...rewrite(`adding ${col} computes every row`)));
        continue;
      }
    }
    const only = c.local ? '' : ' ONLY';
    if (o.identity && o.identity !== c.identity && !c.identity) out.push(s(`${alter} ALTER COLUMN ${col} DROP IDENTITY;`));
    if (o.default !== null && !c.generated && o.default !== c.default && (c.default === null || o.type !== c.type))
      out.push(s(`ALTER TABLE${only} ${name} ALTER COLUMN ${col} DROP DEFAULT;`));
    // New identity bounds the old type holds are set before the type changes (the new type may
    // not hold the old bounds); others after it.
    const identitySets = c.identity && o.identity ? identityChanges(o.identitySequence, c.identitySequence) : '';
    const setsFirst = identitySets !== '' && o.type !== c.type && boundsFit(c.identitySequence!, o.type);
    const setIdentity = () => {
      if (!identitySets) return;
      out.push(...clampToBounds(qualified(a.schema, o.identitySequence!.name), o.identitySequence!, c.identitySequence!, `${alter} ALTER COLUMN ${col}`));
      out.push(s(`${alter} ALTER COLUMN ${col} ${identitySets};`));
    };
    if (setsFirst) setIdentity();
    if (o.type !== c.type || o.collation !== c.collation) {
      if (c.local || o.local)
        out.push(
          s(
            // USING is for plain tables only: a foreign table's rows are not here to convert,
            // nor for a generated column, which is computed again.
            `${alter} ALTER COLUMN ${col} TYPE ${c.type}${c.collation ? ' COLLATE ' + c.collation : ''}${foreign || c.generated ? '' : ` USING ${castUsing(col, o.type, c.type)}`};`,
            ...(binaryCompatible(o.type, c.type) && o.collation === c.collation ? lock : rewrite(`changes the type of ${col}`)),
          ),
        );
    }
    if (c.default !== null && !c.generated && o.default !== c.default)
      out.push(s(`ALTER TABLE${only} ${name} ALTER COLUMN ${col} SET DEFAULT ${c.default};`));
    if (o.notNull !== c.notNull && !(c.identity && !o.identity && c.notNull))
      out.push(s(`${alter} ALTER COLUMN ${col} ${c.notNull ? 'SET' : 'DROP'} NOT NULL;`, ...(c.notNull ? lock : [])));
    if (o.storage !== c.storage)
      out.push(s(`${alter} ALTER COLUMN ${col} SET STORAGE ${storageName(c.storage ?? defaultStorage(c.type))};`));
    if (o.compression !== c.compression) out.push(s(`${alter} ALTER COLUMN ${col} SET COMPRESSION ${c.compression === 'l' ? 'lz4' : c.compression === 'p' ? 'pglz' : 'default'};`));
    if (o.statistics !== c.statistics) out.push(s(`${alter} ALTER COLUMN ${col} SET STATISTICS ${c.statistics ?? -1};`));
    const optionList = optionChanges(o.options, c.options);
    if (optionList)
      out.push(s(`${alter} ALTER COLUMN ${col} OPTIONS (${optionList});`, ...secretHazards(`${name} column ${col}`, o.options, c.options, `${alter} ALTER COLUMN ${col}`)));
    if (c.identity && o.identity !== c.identity) {
      if (o.identity) out.push(s(`${alter} ALTER COLUMN ${col} SET GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'};`));
      else {
        if (!o.notNull) out.push(s(`${alter} ALTER COLUMN ${col} SET NOT NULL;`, ...lock));
        out.push(s(`${alter} ALTER COLUMN ${col} ADD GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${identityOptions(c.identitySequence, a.schema)};`, ...lock));
      }
    }
    if (c.identity && o.identity) {
      if (!setsFirst) setIdentity();
      if (o.identitySequence && c.identitySequence && o.identitySequence.name !== c.identitySequence.name)
        out.push(s(`ALTER SEQUENCE ${qualified(a.schema, o.identitySequence.name)} RENAME TO ${ident(c.identitySequence.name)};`));
    }
  }
  out.push(...later);
  return out;
}

/** Comments, security labels and column privileges of a table's or view's columns. */
export function columnMeta(before: { columns: Array<{ name: string; comment: string | null; grants: Grant[]; securityLabels?: SecurityLabel[] }> } | null, after: Table | View): string[] {
  const out: string[] = [];
  const old = new Map<string, { comment: string | null; grants: Grant[]; securityLabels?: SecurityLabel[] }>();
  if (before) for (const c of before.columns) old.set(c.name, c);
  const rel = qualified(after.schema, after.name);
  for (const c of after.columns) {
    const o = old.get(c.name);
    if ((o?.comment ?? null) !== c.comment) out.push(commentOn(`COLUMN ${rel}.${ident(c.name)}`, c.comment));
    out.push(...securityLabelStatements(`COLUMN ${rel}.${ident(c.name)}`, o?.securityLabels, c.securityLabels));
    out.push(...grantStatements(`TABLE ${rel}`, o?.grants ?? [], c.grants, ident(c.name)));
  }
  return out;
}

export const table: KindSpec<Table> = {
  order: 7,
  diff: DIFF_RULES.table,
  reference: (o) => ({ type: o.foreign ? 'FOREIGN TABLE' : 'TABLE', name: qualified(o.schema, o.name) }),
  relationNamespace: true,
  ownable: true,
  grantTarget: (o) => `TABLE ${qualified(o.schema, o.name)}`,
  defaultPrivileges: 'TABLES',
  builtinGrants: [],
  create: createTable,
  drop: (o) => {
    if (o.managed) return s(`-- ${qualified(o.schema, o.name)} is managed by the platform`);
    // Its rows are the server's: dropping it loses none.
    if (o.foreign) return s(`DROP FOREIGN TABLE ${qualified(o.schema, o.name)};`);
    return s(`DROP TABLE ${qualified(o.schema, o.name)};`, h('deletes_data', `drops table ${qualified(o.schema, o.name)} and its rows`), h('access_exclusive_lock', 'drops a table'));
  },
  alter: alterTable,
  pre: tablePreStatements,
  releases: (b, ctx) => rebuiltFunctionKeys(b.deps, ctx),
  partMeta: columnMeta,
  frees: (b, a, ctx) => [...sequenceHandovers(b, a, ctx).fromIdentity.values()],
  takes: (b, a, ctx) => [...sequenceHandovers(b, a, ctx).toIdentity.values()],
};

/** The tablespace of a table, materialized view or index; undefined for the database's default. */
function tablespaceOf(o: DbObject | undefined): string | undefined {
  return o?.kind === 'table' || o?.kind === 'matview' || o?.kind === 'index' ? o.tablespace : undefined;
}

/** An index (or a constraint's, which shares its name) moved to the tablespace wanted; a new one is made in the default. */
const indexTablespace = (schema: string, name: string, now: string | undefined, wanted: string | undefined, created: boolean) =>
  setTablespace(`ALTER INDEX ${qualified(schema, name)}`, now, wanted, created ? null : 'access_exclusive_lock');

function createConstraint(o: Constraint, ctx: SqlContext): Stmt[] {
  const hz = ctx.created.has(o.table) ? [] : [h('access_exclusive_lock', `adding ${o.type === 'f' ? 'a foreign key locks both tables and' : 'a constraint'} checks every row`)];
  return [
    s(`ALTER TABLE ${qualified(o.schema, o.tableName)} ADD CONSTRAINT ${ident(o.name)} ${o.definition};`, ...hz),
    ...indexTablespace(o.schema, o.name, undefined, o.indexTablespace, true),
    ...clusterOnCreated(o.table, o.name, ctx),
  ];
}

export const constraint: KindSpec<Constraint> = {
  order: 8,
  diff: DIFF_RULES.constraint,
  reference: (o) => ({ type: 'CONSTRAINT', name: `${ident(o.name)} ON ${qualified(o.schema, o.tableName)}` }),
  relationNamespace: false,
  ownable: false,
  ...NO_PRIVILEGES,
  create: createConstraint,
  drop: (o) => s(`ALTER TABLE ${qualified(o.schema, o.tableName)} DROP CONSTRAINT ${ident(o.name)};`, h('access_exclusive_lock', `drops a constraint of ${qualified(o.schema, o.tableName)}`)),
  alter: (b, after) => [
    ...(!b.validated && after.validated ? [s(`ALTER TABLE ${qualified(after.schema, after.tableName)} VALIDATE CONSTRAINT ${ident(after.name)};`)] : []),
    ...indexTablespace(after.schema, after.name, b.indexTablespace, after.indexTablespace, false),
  ],
  // The index behind a PRIMARY KEY, UNIQUE or EXCLUDE constraint shares its name and has its own comment.
  partMeta: (before, after) =>
    (before?.kind === 'constraint' ? before.indexComment : undefined) !== after.indexComment
      ? [`COMMENT ON INDEX ${qualified(after.schema, after.name)} IS ${after.indexComment === undefined ? 'NULL' : literal(after.indexComment)};`]
      : [],
};

function createIndex(o: Index, ctx: SqlContext): Stmt[] {
  // A partition's index may already exist: made when its partition was attached or created.
  const def = o.definition.replace(/ ON ONLY /, ' ON ');
  const out = [s((o.parentIndex ? def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ') : def) + ';')];
  // A partition's index may have been made with its partition, in the parent index's tablespace then.
  const parentTablespace = o.parentIndex ? tablespaceOf(ctx.to.objects[o.parentIndex]) : undefined;
  out.push(...indexTablespace(o.schema, o.name, o.parentIndex && (o.tablespace || parentTablespace) ? '' : undefined, o.tablespace, true));
  const t = ctx.to.objects[o.table];
  if (t?.kind === 'table' && t.replicaIdentity === 'i' && t.replicaIdentityIndex === o.name) out.push(s(replicaIdentitySql(t)));
  out.push(...clusterOnCreated(o.table, o.name, ctx));
  return out;
}

export const index: KindSpec<Index> = {
  order: 9,
  diff: DIFF_RULES.index,
  reference: (o) => ({ type: 'INDEX', name: qualified(o.schema, o.name) }),
  relationNamespace: true,
  ownable: false,
  ...NO_PRIVILEGES,
  create: createIndex,
  drop: (o) => s(`DROP INDEX ${o.parentIndex ? 'IF EXISTS ' : ''}${qualified(o.schema, o.name)};`, h('access_exclusive_lock', 'DROP INDEX locks its table')),
  // Every change of definition rebuilds it; attaching follows the tables.
  alter: (b, after) => indexTablespace(after.schema, after.name, b.tablespace, after.tablespace, false),
};
