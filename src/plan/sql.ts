/** SQL for each kind of object: create, drop, alter in place, and the comments/grants/owners around them. */
import { ident, literal, qualified } from '../catalog/keys.js';
import type {
  Collation,
  Column,
  DbObject,
  DefaultAcl,
  DomainType,
  EventTrigger,
  Function,
  Grant,
  IdentitySequence,
  Policy,
  Publication,
  Sequence,
  Snapshot,
  Table,
  Type,
  View,
} from '../catalog/types.js';
import { stripNotValid } from '../diff/compare.js';
import type { Hazard } from './types.js';

export interface Stmt {
  sql: string;
  hazards: Hazard[];
}

export interface SqlContext {
  from: Snapshot;
  to: Snapshot;
  withOwners: boolean;
  /** Keys of tables created by this plan (nothing to lock or rewrite yet). */
  created: Set<string>;
  /** Default privileges of both sides, gathered once. */
  defaultAcls: DefaultAcl[];
}

export function sqlContext(from: Snapshot, to: Snapshot, withOwners: boolean, created: Set<string>): SqlContext {
  let defaultAcls: DefaultAcl[] | undefined;
  return {
    from,
    to,
    withOwners,
    created,
    // Gathered on first use: only new objects need them.
    get defaultAcls() {
      if (!defaultAcls) {
        defaultAcls = [];
        for (const snap of [from, to]) for (const o of Object.values(snap.objects)) if (o.kind === 'default_acl') defaultAcls.push(o);
      }
      return defaultAcls;
    },
  };
}

const s = (sql: string, ...hazards: Hazard[]): Stmt => ({ sql, hazards });
const h = (type: Hazard['type'], detail: string): Hazard => ({ type, detail });

/** How COMMENT ON / ALTER … OWNER TO name an object. */
export function reference(obj: DbObject): { type: string; name: string } | null {
  switch (obj.kind) {
    case 'schema':
      return { type: 'SCHEMA', name: ident(obj.name) };
    case 'extension':
      return { type: 'EXTENSION', name: ident(obj.name) };
    case 'collation':
      return { type: 'COLLATION', name: qualified(obj.schema, obj.name) };
    case 'type':
      return { type: obj.type === 'domain' ? 'DOMAIN' : 'TYPE', name: qualified(obj.schema, obj.name) };
    case 'sequence':
      return { type: 'SEQUENCE', name: qualified(obj.schema, obj.name) };
    case 'table':
      return { type: 'TABLE', name: qualified(obj.schema, obj.name) };
    case 'view':
      return { type: 'VIEW', name: qualified(obj.schema, obj.name) };
    case 'matview':
      return { type: 'MATERIALIZED VIEW', name: qualified(obj.schema, obj.name) };
    case 'index':
      return { type: 'INDEX', name: qualified(obj.schema, obj.name) };
    case 'constraint':
      return { type: 'CONSTRAINT', name: `${ident(obj.name)} ON ${qualified(obj.schema, obj.tableName)}` };
    case 'function':
      return { type: routineType(obj), name: `${qualified(obj.schema, obj.name)}(${obj.identityArgs})` };
    case 'trigger':
      return { type: 'TRIGGER', name: `${ident(obj.name)} ON ${qualified(obj.schema, obj.tableName)}` };
    case 'policy':
      return { type: 'POLICY', name: `${ident(obj.name)} ON ${qualified(obj.schema, obj.tableName)}` };
    case 'rule':
      return { type: 'RULE', name: `${ident(obj.name)} ON ${qualified(obj.schema, obj.tableName)}` };
    case 'event_trigger':
      return { type: 'EVENT TRIGGER', name: ident(obj.name) };
    case 'publication':
      return { type: 'PUBLICATION', name: ident(obj.name) };
    case 'default_acl':
      return null;
  }
}

function routineType(f: Function): string {
  return f.prokind === 'p' ? 'PROCEDURE' : f.prokind === 'a' ? 'AGGREGATE' : 'FUNCTION';
}

/** The object type GRANT names, or null when the kind has no privileges. */
function grantTarget(obj: DbObject): string | null {
  switch (obj.kind) {
    case 'schema':
      return `SCHEMA ${ident(obj.name)}`;
    case 'sequence':
      return `SEQUENCE ${qualified(obj.schema, obj.name)}`;
    case 'table':
    case 'view':
    case 'matview':
      return `TABLE ${qualified(obj.schema, obj.name)}`;
    case 'function':
      return `${obj.prokind === 'p' ? 'PROCEDURE' : 'FUNCTION'} ${qualified(obj.schema, obj.name)}(${obj.identityArgs})`;
    case 'type':
      return `${obj.type === 'domain' ? 'DOMAIN' : 'TYPE'} ${qualified(obj.schema, obj.name)}`;
    default:
      return null;
  }
}

function grantee(name: string): string {
  return name === 'PUBLIC' ? 'PUBLIC' : ident(name);
}

/** GRANT/REVOKE turning `before` into `after` (privileges keyed by grantee). */
export function grantStatements(target: string, before: Grant[], after: Grant[], columns?: string): string[] {
  const key = (g: Grant) => `${g.grantee}\u0000${g.privilege}`;
  const old = new Map(before.map((g) => [key(g), g]));
  const now = new Map(after.map((g) => [key(g), g]));
  const out: string[] = [];
  const grouped = (list: Grant[], render: (privs: string, who: string) => string) => {
    const by = new Map<string, string[]>();
    for (const g of list) by.set(g.grantee, [...(by.get(g.grantee) ?? []), g.privilege]);
    for (const [who, privs] of by) out.push(render(privs.join(', '), grantee(who)));
  };
  grouped(
    before.filter((g) => !now.has(key(g))),
    (p, who) => `REVOKE ${columns ? p.split(', ').map((x) => `${x} (${columns})`).join(', ') : p} ON ${target} FROM ${who};`,
  );
  grouped(
    before.filter((g) => g.grantable && now.get(key(g))?.grantable === false),
    (p, who) => `REVOKE GRANT OPTION FOR ${columns ? p.split(', ').map((x) => `${x} (${columns})`).join(', ') : p} ON ${target} FROM ${who};`,
  );
  const add = after.filter((g) => !old.has(key(g)) || (g.grantable && !old.get(key(g))!.grantable));
  grouped(
    add.filter((g) => !g.grantable),
    (p, who) => `GRANT ${columns ? p.split(', ').map((x) => `${x} (${columns})`).join(', ') : p} ON ${target} TO ${who};`,
  );
  grouped(
    add.filter((g) => g.grantable),
    (p, who) => `GRANT ${columns ? p.split(', ').map((x) => `${x} (${columns})`).join(', ') : p} ON ${target} TO ${who} WITH GRANT OPTION;`,
  );
  return out;
}

const DEFAULT_ACL_TYPE: Record<string, string> = {
  table: 'TABLES',
  view: 'TABLES',
  matview: 'TABLES',
  sequence: 'SEQUENCES',
  function: 'FUNCTIONS',
  type: 'TYPES',
  schema: 'SCHEMAS',
};

/**
 * Privileges a new object may get on creation: PostgreSQL's built-in ones
 * plus whatever default privileges in the target grant. Each is set
 * explicitly afterwards, so the result does not depend on who runs the plan.
 */
function builtinGrants(obj: DbObject): Grant[] {
  if (obj.kind === 'function') return [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }];
  if (obj.kind === 'type') return [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }];
  return [];
}

function initialGrants(obj: DbObject, ctx: SqlContext): Grant[] {
  const out = builtinGrants(obj);
  const type = DEFAULT_ACL_TYPE[obj.kind];
  if (!type) return out;
  const schema = 'schema' in obj ? (obj.schema as string) : null;
  const applicable = ctx.defaultAcls.filter(
    (o) => o.objectType === type && (o.schema === null || o.schema === schema) && (!ctx.withOwners || !obj.owner || o.role === obj.owner),
  );
  // Default privileges apply to what their role creates, and whoever runs the plan creates the
  // object and owns it: a role that has default privileges here may be that creator, and an
  // owner's own privileges are never revoked.
  const creators = new Set(ctx.withOwners && obj.owner ? [obj.owner] : applicable.map((o) => o.role));
  const seen = new Set<string>();
  for (const o of applicable) {
    for (const g of o.grants) {
      const key = `${g.grantee}\u0000${g.privilege}`;
      if (creators.has(g.grantee) || seen.has(key)) continue;
      seen.add(key);
      out.push({ ...g, grantable: false });
    }
  }
  return out;
}

/** Comment, privileges and owner of an object, after it exists. */
export function metaStatements(before: DbObject | null, after: DbObject, ctx: SqlContext): string[] {
  const out: string[] = [];
  const ref = reference(after);
  // A stand-in's comment is dbalign's, never one to write elsewhere.
  const standin = after.kind === 'extension' && (after.standin || (before?.kind === 'extension' && before.standin));
  if (ref && !standin && (before?.comment ?? null) !== after.comment) {
    out.push(`COMMENT ON ${ref.type} ${ref.name} IS ${after.comment === null ? 'NULL' : literal(after.comment)};`);
  }
  const target = grantTarget(after);
  if (target && 'grants' in after) {
    if (before && 'grants' in before) out.push(...grantStatements(target, before.grants, after.grants));
    else {
      // New object: revoke what it may have been given, grant everything it should have
      // (PostgreSQL's built-in PUBLIC grants too, unless a global default ACL may have removed them).
      out.push(...grantStatements(target, initialGrants(after, ctx), after.grants).filter((x) => x.startsWith('REVOKE ')));
      const type = DEFAULT_ACL_TYPE[after.kind];
      const builtinSure = !ctx.defaultAcls.some((d) => d.schema === null && d.objectType === type);
      const builtin = builtinSure ? builtinGrants(after) : [];
      out.push(...grantStatements(target, builtin, after.grants).filter((x) => !x.startsWith('REVOKE ')));
    }
  }
  if (ctx.withOwners && after.owner && ref && before?.owner !== after.owner && ownable(after)) {
    out.push(`ALTER ${ref.type} ${ref.name} OWNER TO ${ident(after.owner)};`);
  }
  if (after.kind === 'table' || after.kind === 'view' || after.kind === 'matview') {
    const old = new Map<string, { comment: string | null; grants: Grant[] }>();
    if (before && (before.kind === 'table' || before.kind === 'view' || before.kind === 'matview'))
      for (const c of before.columns) old.set(c.name, c);
    const rel = qualified(after.schema, after.name);
    for (const c of after.columns as Array<{ name: string; comment: string | null; grants: Grant[] }>) {
      const o = old.get(c.name);
      if ((o?.comment ?? null) !== c.comment)
        out.push(`COMMENT ON COLUMN ${rel}.${ident(c.name)} IS ${c.comment === null ? 'NULL' : literal(c.comment)};`);
      out.push(...grantStatements(`TABLE ${rel}`, o?.grants ?? [], c.grants, ident(c.name)));
    }
  }
  if (after.kind === 'constraint' && (before?.kind === 'constraint' ? before.indexComment : undefined) !== after.indexComment) {
    out.push(`COMMENT ON INDEX ${qualified(after.schema, after.name)} IS ${after.indexComment === undefined ? 'NULL' : literal(after.indexComment)};`);
  }
  if (after.kind === 'type' && after.type === 'domain') {
    const old = new Map<string, string | undefined>();
    if (before?.kind === 'type' && before.type === 'domain') for (const c of before.constraints) old.set(c.name, c.comment);
    for (const c of after.constraints) {
      if (old.get(c.name) !== c.comment)
        out.push(`COMMENT ON CONSTRAINT ${ident(c.name)} ON DOMAIN ${qualified(after.schema, after.name)} IS ${c.comment === undefined ? 'NULL' : literal(c.comment)};`);
    }
  }
  if (after.kind === 'type' && after.type === 'composite') {
    const old = new Map<string, string | null>();
    if (before?.kind === 'type' && before.type === 'composite') for (const a of before.attributes) old.set(a.name, a.comment);
    for (const a of after.attributes) {
      if ((old.get(a.name) ?? null) !== a.comment)
        out.push(`COMMENT ON COLUMN ${qualified(after.schema, after.name)}.${ident(a.name)} IS ${a.comment === null ? 'NULL' : literal(a.comment)};`);
    }
  }
  return out;
}

function ownable(obj: DbObject): boolean {
  return !['constraint', 'index', 'trigger', 'policy', 'rule', 'default_acl'].includes(obj.kind);
}

// ---------------------------------------------------------------- create

export function createStatements(obj: DbObject, ctx: SqlContext): Stmt[] {
  switch (obj.kind) {
    case 'schema':
      return [s(`CREATE SCHEMA ${ident(obj.name)};`)];
    case 'extension':
      // A stand-in's version is dbalign's, not one the real extension need have.
      return [s(`CREATE EXTENSION IF NOT EXISTS ${ident(obj.name)} WITH SCHEMA ${ident(obj.schema)}${obj.standin ? '' : ` VERSION ${literal(obj.version)}`};`)];
    case 'collation':
      return [s(createCollation(obj))];
    case 'type':
      return [s(createType(obj))];
    case 'sequence':
      return [s(createSequence(obj))];
    case 'table':
      return createTable(obj, ctx);
    case 'constraint': {
      const hz = ctx.created.has(obj.table) ? [] : [h('access_exclusive_lock', `adding ${obj.type === 'f' ? 'a foreign key locks both tables and' : 'a constraint'} checks every row`)];
      return [s(`ALTER TABLE ${qualified(obj.schema, obj.tableName)} ADD CONSTRAINT ${ident(obj.name)} ${obj.definition};`, ...hz)];
    }
    case 'index': {
      // A partition's index may already exist: made when its partition was attached or created.
      const def = obj.definition.replace(/ ON ONLY /, ' ON ');
      const out = [s((obj.parentIndex ? def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ') : def) + ';')];
      const t = ctx.to.objects[obj.table];
      if (t?.kind === 'table' && t.replicaIdentity === 'i' && t.replicaIdentityIndex === obj.name) out.push(s(replicaIdentitySql(t)));
      return out;
    }
    case 'view':
    case 'matview':
      return [s(createView(obj))];
    case 'function':
      return [s(obj.definition.trim().replace(/;?$/, ';'))];
    case 'trigger': {
      const out = [s(obj.definition + ';')];
      if (obj.enabled !== 'O') out.push(s(triggerEnable(obj.schema, obj.tableName, obj.name, obj.enabled)));
      return out;
    }
    case 'event_trigger':
      return createEventTrigger(obj, ctx);
    case 'policy':
      return [s(createPolicy(obj), ...(ctx.created.has(obj.table) ? [] : [h('access_exclusive_lock', `CREATE POLICY locks ${qualified(obj.schema, obj.tableName)}`)]))];
    case 'rule': {
      const out = [s(obj.definition)];
      if (obj.enabled !== 'O') out.push(s(ruleEnable(obj.schema, obj.tableName, obj.name, obj.enabled)));
      return out;
    }
    case 'publication':
      return [s(createPublication(obj))];
    case 'default_acl':
      return defaultAclStatements(null, obj).map((x) => s(x));
  }
}

function createCollation(c: Collation): string {
  const opts: string[] = [];
  const provider = c.provider === 'i' ? 'icu' : c.provider === 'b' ? 'builtin' : 'libc';
  opts.push(`PROVIDER = ${provider}`);
  if (c.provider === 'i' || c.provider === 'b') opts.push(`LOCALE = ${literal(c.locale ?? '')}`);
  else {
    opts.push(`LC_COLLATE = ${literal(c.collate ?? '')}`);
    opts.push(`LC_CTYPE = ${literal(c.ctype ?? '')}`);
  }
  if (!c.deterministic) opts.push('DETERMINISTIC = false');
  return `CREATE COLLATION ${qualified(c.schema, c.name)} (${opts.join(', ')});`;
}

function createType(t: Type): string {
  const name = qualified(t.schema, t.name);
  switch (t.type) {
    case 'enum':
      return `CREATE TYPE ${name} AS ENUM (${t.labels.map(literal).join(', ')});`;
    case 'domain':
      return createDomain(t);
    case 'composite':
      return `CREATE TYPE ${name} AS (${t.attributes.map((a) => `${ident(a.name)} ${a.type}${a.collation ? ' COLLATE ' + a.collation : ''}`).join(', ')});`;
    case 'range': {
      const opts = [`SUBTYPE = ${t.subtype}`];
      if (t.opclass) opts.push(`SUBTYPE_OPCLASS = ${t.opclass}`);
      if (t.collation) opts.push(`COLLATION = ${t.collation}`);
      if (t.canonical) opts.push(`CANONICAL = ${t.canonical}`);
      if (t.subdiff) opts.push(`SUBTYPE_DIFF = ${t.subdiff}`);
      if (t.multirange) opts.push(`MULTIRANGE_TYPE_NAME = ${t.multirange}`);
      return `CREATE TYPE ${name} AS RANGE (${opts.join(', ')});`;
    }
  }
}

function createDomain(d: DomainType): string {
  let sql = `CREATE DOMAIN ${qualified(d.schema, d.name)} AS ${d.base}`;
  if (d.collation) sql += ` COLLATE ${d.collation}`;
  if (d.default !== null) sql += ` DEFAULT ${d.default}`;
  if (d.notNull) sql += ' NOT NULL';
  for (const c of d.constraints) {
    if (c.definition === 'NOT NULL') continue;
    sql += ` CONSTRAINT ${ident(c.name)} ${stripNotValid(c.definition)}`;
  }
  const out = [sql + ';'];
  for (const c of d.constraints) {
    if (!c.validated && c.definition !== 'NOT NULL') {
      // NOT VALID is only accepted by ALTER DOMAIN: add it there instead.
      out[0] = out[0]!.replace(` CONSTRAINT ${ident(c.name)} ${stripNotValid(c.definition)}`, '');
      out.push(`ALTER DOMAIN ${qualified(d.schema, d.name)} ADD CONSTRAINT ${ident(c.name)} ${stripNotValid(c.definition)} NOT VALID;`);
    }
  }
  return out.join('\n');
}

function sequenceOptions(q: Sequence): string {
  return `AS ${q.type} INCREMENT BY ${q.increment} MINVALUE ${q.min} MAXVALUE ${q.max} START WITH ${q.start} CACHE ${q.cache}${q.cycle ? ' CYCLE' : ' NO CYCLE'}`;
}

function createSequence(q: Sequence): string {
  return `CREATE ${q.unlogged ? 'UNLOGGED ' : ''}SEQUENCE ${qualified(q.schema, q.name)} ${sequenceOptions(q)};`;
}

export function sequenceOwnedBy(q: Sequence): string {
  const owner = q.ownedBy;
  if (!owner) return `ALTER SEQUENCE ${qualified(q.schema, q.name)} OWNED BY NONE;`;
  return `ALTER SEQUENCE ${qualified(q.schema, q.name)} OWNED BY ${tableName(owner.table)}.${ident(owner.column)};`;
}

/** The qualified name inside a table key ("table "s"."t"" → "s"."t"). */
function tableName(key: string): string {
  return key.slice(key.indexOf(' ') + 1);
}

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

function columnDefinition(c: Column, schema: string): string {
  let sql = `${ident(c.name)} ${c.type}`;
  if (c.collation) sql += ` COLLATE ${c.collation}`;
  if (c.generated === 's') sql += ` GENERATED ALWAYS AS (${c.default}) STORED`;
  else if (c.default !== null) sql += ` DEFAULT ${c.default}`;
  if (c.identity) sql += ` GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${identityOptions(c.identitySequence, schema)}`;
  if (c.notNull) sql += ' NOT NULL';
  return sql;
}

function createTable(t: Table, ctx: SqlContext): Stmt[] {
  const name = qualified(t.schema, t.name);
  const tail: string[] = [];
  if (t.partitionKey) tail.push(`PARTITION BY ${t.partitionKey}`);
  if (t.accessMethod) tail.push(`USING ${ident(t.accessMethod)}`);
  if (t.options.length) tail.push(`WITH (${t.options.join(', ')})`);
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

function tableFlags(before: Table | null, t: Table, ctx: SqlContext, skipReplicaIdentity = false): Stmt[] {
  const name = qualified(t.schema, t.name);
  const out: Stmt[] = [];
  const lock = before && !ctx.created.has(t.key) ? [h('access_exclusive_lock', `locks ${name}`)] : [];
  if ((before?.rowSecurity ?? false) !== t.rowSecurity) out.push(s(`ALTER TABLE ${name} ${t.rowSecurity ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY;`, ...lock));
  if ((before?.forceRowSecurity ?? false) !== t.forceRowSecurity) out.push(s(`ALTER TABLE ${name} ${t.forceRowSecurity ? '' : 'NO '}FORCE ROW LEVEL SECURITY;`, ...lock));
  if (t.managed || skipReplicaIdentity) return out;
  out.push(...replicaIdentity(before, t, ctx));
  return out;
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

// ---------------------------------------------------------------- views, functions, …

function viewBody(v: View): string {
  return v.definition.trim().replace(/;$/, '');
}

function createView(v: View): string {
  const name = qualified(v.schema, v.name);
  const withOpts = v.options.length ? ` WITH (${v.options.join(', ')})` : '';
  if (v.kind === 'view') return `CREATE VIEW ${name}${withOpts} AS\n${viewBody(v)};`;
  return `CREATE MATERIALIZED VIEW ${name}${withOpts} AS\n${viewBody(v)}\nWITH ${v.populated ? '' : 'NO '}DATA;`;
}

function triggerEnable(schema: string, table: string, name: string, enabled: string): string {
  const how = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' }[enabled] ?? 'ENABLE';
  return `ALTER TABLE ${qualified(schema, table)} ${how} TRIGGER ${ident(name)};`;
}

function ruleEnable(schema: string, table: string, name: string, enabled: string): string {
  const how = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' }[enabled] ?? 'ENABLE';
  return `ALTER TABLE ${qualified(schema, table)} ${how} RULE ${ident(name)};`;
}

function createEventTrigger(e: EventTrigger, ctx: SqlContext): Stmt[] {
  const fn = ctx.to.objects[e.function];
  const fname = fn?.kind === 'function' ? qualified(fn.schema, fn.name) : e.function.replace(/^function /, '').replace(/\(.*$/, '');
  const when = e.tags?.length ? ` WHEN TAG IN (${e.tags.map(literal).join(', ')})` : '';
  const out = [s(`CREATE EVENT TRIGGER ${ident(e.name)} ON ${ident(e.event)}${when} EXECUTE FUNCTION ${fname}();`)];
  if (e.enabled !== 'O') out.push(s(eventTriggerEnable(e)));
  return out;
}

function eventTriggerEnable(e: EventTrigger): string {
  const how = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' }[e.enabled] ?? 'ENABLE';
  return `ALTER EVENT TRIGGER ${ident(e.name)} ${how};`;
}

function policyRoles(p: Policy): string {
  return p.roles.map(grantee).join(', ');
}

function createPolicy(p: Policy): string {
  let sql = `CREATE POLICY ${ident(p.name)} ON ${qualified(p.schema, p.tableName)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} TO ${policyRoles(p)}`;
  if (p.using !== null) sql += ` USING (${p.using})`;
  if (p.check !== null) sql += ` WITH CHECK (${p.check})`;
  return sql + ';';
}

/** What a publication publishes, as CREATE / ALTER … SET write it; empty when nothing. */
function publicationObjects(p: Publication): string {
  const items: string[] = [];
  if (p.tables.length)
    items.push(
      'TABLE ' +
        p.tables
          .map((t) => `${tableName(t.table)}${t.columns ? ` (${t.columns.map(ident).join(', ')})` : ''}${t.where ? ` WHERE (${t.where})` : ''}`)
          .join(', '),
    );
  if (p.schemas.length) items.push('TABLES IN SCHEMA ' + p.schemas.map(ident).join(', '));
  return items.join(', ');
}

/** WITH options; `all` also spells out the defaults (ALTER … SET leaves unnamed options as they are). */
function publicationOptions(p: Publication, all = false): string {
  const opts = [`publish = ${literal(p.publish.join(', '))}`];
  if (p.viaRoot || all) opts.push(`publish_via_partition_root = ${p.viaRoot}`);
  return opts.join(', ');
}

function createPublication(p: Publication): string {
  const what = p.allTables ? 'ALL TABLES' : publicationObjects(p);
  return `CREATE PUBLICATION ${ident(p.name)}${what ? ' FOR ' + what : ''} WITH (${publicationOptions(p)});`;
}

/** A publication changed in place, so its subscriptions carry on. */
function alterPublication(b: Publication, a: Publication): Stmt[] {
  const name = ident(a.name);
  const out: Stmt[] = [];
  const what = publicationObjects(a);
  if (publicationObjects(b) !== what) {
    if (what) out.push(s(`ALTER PUBLICATION ${name} SET ${what};`));
    else {
      if (b.tables.length) out.push(s(`ALTER PUBLICATION ${name} DROP TABLE ${b.tables.map((t) => tableName(t.table)).join(', ')};`));
      if (b.schemas.length) out.push(s(`ALTER PUBLICATION ${name} DROP TABLES IN SCHEMA ${b.schemas.map(ident).join(', ')};`));
    }
  }
  if (b.publish.join() !== a.publish.join() || b.viaRoot !== a.viaRoot) out.push(s(`ALTER PUBLICATION ${name} SET (${publicationOptions(a, true)});`));
  return out;
}

/** Privileges PostgreSQL gives without any default ACL entry (the owner's are implicit). */
function builtinDefaultGrants(d: DefaultAcl): Grant[] {
  if (d.schema !== null) return [];
  if (d.objectType === 'FUNCTIONS') return [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }];
  if (d.objectType === 'TYPES') return [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }];
  return [];
}

export function defaultAclStatements(before: DefaultAcl | null, after: DefaultAcl | null): string[] {
  const d = (after ?? before)!;
  const prefix = `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(d.role)}${d.schema !== null ? ` IN SCHEMA ${ident(d.schema)}` : ''}`;
  const old = before ? before.grants : builtinDefaultGrants(d);
  const now = after ? after.grants : builtinDefaultGrants(d);
  const target = `${d.objectType}`;
  return grantStatements(target, old, now).map((x) => `${prefix} ${x.replace(` ON ${target} `, ` ON ${target} `)}`);
}

// ---------------------------------------------------------------- drop

export function dropStatement(obj: DbObject): Stmt {
  const dd = (what: string) => h('deletes_data', what);
  switch (obj.kind) {
    case 'schema':
      return s(`DROP SCHEMA ${ident(obj.name)};`);
    case 'extension':
      return s(`DROP EXTENSION ${ident(obj.name)};`);
    case 'collation':
      return s(`DROP COLLATION ${qualified(obj.schema, obj.name)};`);
    case 'type':
      return s(`DROP ${obj.type === 'domain' ? 'DOMAIN' : 'TYPE'} ${qualified(obj.schema, obj.name)};`);
    case 'sequence':
      return s(`DROP SEQUENCE ${qualified(obj.schema, obj.name)};`, dd(`drops sequence ${qualified(obj.schema, obj.name)} and its current value`));
    case 'table':
      if (obj.managed) return s(`-- ${qualified(obj.schema, obj.name)} is managed by the platform`);
      return s(`DROP TABLE ${qualified(obj.schema, obj.name)};`, dd(`drops table ${qualified(obj.schema, obj.name)} and its rows`), h('access_exclusive_lock', 'drops a table'));
    case 'constraint':
      return s(`ALTER TABLE ${qualified(obj.schema, obj.tableName)} DROP CONSTRAINT ${ident(obj.name)};`, h('access_exclusive_lock', `drops a constraint of ${qualified(obj.schema, obj.tableName)}`));
    case 'index':
      return s(`DROP INDEX ${obj.parentIndex ? 'IF EXISTS ' : ''}${qualified(obj.schema, obj.name)};`, h('access_exclusive_lock', 'DROP INDEX locks its table'));
    case 'view':
      return s(`DROP VIEW ${qualified(obj.schema, obj.name)};`);
    case 'matview':
      return s(`DROP MATERIALIZED VIEW ${qualified(obj.schema, obj.name)};`, dd(`drops materialized view ${qualified(obj.schema, obj.name)} and its stored rows`));
    case 'function':
      return s(`DROP ${routineType(obj)} ${qualified(obj.schema, obj.name)}(${obj.identityArgs});`);
    case 'trigger':
      return s(`DROP TRIGGER ${ident(obj.name)} ON ${qualified(obj.schema, obj.tableName)};`);
    case 'event_trigger':
      return s(`DROP EVENT TRIGGER ${ident(obj.name)};`);
    case 'policy':
      return s(`DROP POLICY ${ident(obj.name)} ON ${qualified(obj.schema, obj.tableName)};`, h('access_exclusive_lock', `DROP POLICY locks ${qualified(obj.schema, obj.tableName)}`));
    case 'rule':
      return s(`DROP RULE ${ident(obj.name)} ON ${qualified(obj.schema, obj.tableName)};`);
    case 'publication':
      return s(`DROP PUBLICATION ${ident(obj.name)};`);
    case 'default_acl':
      return s(defaultAclStatements(obj, null).join('\n'));
  }
}

// ---------------------------------------------------------------- alter in place

export function alterStatements(before: DbObject, after: DbObject, ctx: SqlContext): Stmt[] {
  const out: Stmt[] = [];
  switch (after.kind) {
    case 'extension': {
      const b = before as typeof after;
      if (b.version !== after.version && !b.standin && !after.standin) out.push(s(`ALTER EXTENSION ${ident(after.name)} UPDATE TO ${literal(after.version)};`));
      if (b.schema !== after.schema) out.push(s(`ALTER EXTENSION ${ident(after.name)} SET SCHEMA ${ident(after.schema)};`));
      break;
    }
    case 'type':
      out.push(...alterType(before as Type, after));
      break;
    case 'sequence':
      out.push(...alterSequence(before as Sequence, after));
      break;
    case 'table':
      out.push(...alterTable(before as Table, after, ctx));
      break;
    case 'constraint': {
      const b = before as typeof after;
      if (!b.validated && after.validated)
        out.push(s(`ALTER TABLE ${qualified(after.schema, after.tableName)} VALIDATE CONSTRAINT ${ident(after.name)};`));
      break;
    }
    case 'view': {
      const b = before as View;
      if (b.definition !== after.definition || b.options.join() !== after.options.join()) {
        const withOpts = after.options.length ? ` WITH (${after.options.join(', ')})` : '';
        const name = qualified(after.schema, after.name);
        out.push(s(`CREATE OR REPLACE VIEW ${name}${withOpts} AS\n${viewBody(after)};`));
        const gone = b.options.map((o) => o.split('=')[0]!).filter((o) => !after.options.some((x) => x.split('=')[0] === o));
        if (gone.length) out.push(s(`ALTER VIEW ${name} RESET (${gone.join(', ')});`));
      }
      break;
    }
    case 'matview': {
      const b = before as View;
      if (b.options.join() !== after.options.join()) {
        const name = qualified(after.schema, after.name);
        if (after.options.length) out.push(s(`ALTER MATERIALIZED VIEW ${name} SET (${after.options.join(', ')});`));
        const gone = b.options.map((o) => o.split('=')[0]!).filter((o) => !after.options.some((x) => x.split('=')[0] === o));
        if (gone.length) out.push(s(`ALTER MATERIALIZED VIEW ${name} RESET (${gone.join(', ')});`));
      }
      break;
    }
    case 'function': {
      const b = before as Function;
      if (b.definition !== after.definition) out.push(s(after.definition.trim().replace(/;?$/, ';')));
      break;
    }
    case 'trigger': {
      const b = before as typeof after;
      if (b.enabled !== after.enabled) out.push(s(triggerEnable(after.schema, after.tableName, after.name, after.enabled)));
      break;
    }
    case 'rule': {
      const b = before as typeof after;
      if (b.enabled !== after.enabled) out.push(s(ruleEnable(after.schema, after.tableName, after.name, after.enabled)));
      break;
    }
    case 'event_trigger': {
      const b = before as EventTrigger;
      if (b.enabled !== after.enabled) out.push(s(eventTriggerEnable(after)));
      break;
    }
    case 'publication':
      out.push(...alterPublication(before as Publication, after));
      break;
    case 'policy': {
      const b = before as Policy;
      let sql = '';
      if (b.roles.join() !== after.roles.join()) sql += ` TO ${policyRoles(after)}`;
      if (b.using !== after.using && after.using !== null) sql += ` USING (${after.using})`;
      if (b.check !== after.check && after.check !== null) sql += ` WITH CHECK (${after.check})`;
      if (sql) out.push(s(`ALTER POLICY ${ident(after.name)} ON ${qualified(after.schema, after.tableName)}${sql};`, h('access_exclusive_lock', `ALTER POLICY locks ${qualified(after.schema, after.tableName)}`)));
      break;
    }
    case 'default_acl':
      out.push(...defaultAclStatements(before as DefaultAcl, after).map((x) => s(x)));
      return out;
    default:
      break;
  }
  out.push(...metaStatements(before, after, ctx).map((x) => s(x)));
  return out;
}

function alterType(before: Type, after: Type): Stmt[] {
  const name = qualified(after.schema, after.name);
  const out: Stmt[] = [];
  if (before.type === 'enum' && after.type === 'enum') {
    const have = new Set(before.labels);
    after.labels.forEach((label, i) => {
      if (have.has(label)) return;
      // Place it next to a neighbour that already exists, so the order matches.
      const next = after.labels.slice(i + 1).find((l) => have.has(l));
      const where = next !== undefined ? ` BEFORE ${literal(next)}` : i > 0 ? ` AFTER ${literal(after.labels[i - 1]!)}` : '';
      out.push(s(`ALTER TYPE ${name} ADD VALUE ${literal(label)}${where};`, h('not_in_transaction', 'a new enum value cannot be used until the transaction that added it commits')));
      have.add(label);
    });
  }
  if (before.type === 'domain' && after.type === 'domain') {
    if (before.default !== after.default)
      out.push(s(`ALTER DOMAIN ${name} ${after.default === null ? 'DROP DEFAULT' : 'SET DEFAULT ' + after.default};`));
    if (before.notNull !== after.notNull) out.push(s(`ALTER DOMAIN ${name} ${after.notNull ? 'SET' : 'DROP'} NOT NULL;`));
    const now = new Map(after.constraints.map((c) => [c.name, c]));
    const old = new Map(before.constraints.map((c) => [c.name, c]));
    for (const c of before.constraints) {
      const n = now.get(c.name);
      if (c.definition === 'NOT NULL') continue;
      if (!n || stripNotValid(n.definition) !== stripNotValid(c.definition) || (c.validated && !n.validated))
        out.push(s(`ALTER DOMAIN ${name} DROP CONSTRAINT ${ident(c.name)};`));
    }
    for (const c of after.constraints) {
      const o = old.get(c.name);
      if (c.definition === 'NOT NULL') continue;
      if (!o || stripNotValid(o.definition) !== stripNotValid(c.definition) || (o.validated && !c.validated)) {
        out.push(s(`ALTER DOMAIN ${name} ADD CONSTRAINT ${ident(c.name)} ${stripNotValid(c.definition)}${c.validated ? '' : ' NOT VALID'};`));
        // Added again, it lost its comment.
        if (o?.comment !== undefined && o.comment === c.comment) out.push(s(`COMMENT ON CONSTRAINT ${ident(c.name)} ON DOMAIN ${name} IS ${literal(c.comment)};`));
      } else if (!o.validated && c.validated) out.push(s(`ALTER DOMAIN ${name} VALIDATE CONSTRAINT ${ident(c.name)};`));
    }
  }
  if (before.type === 'composite' && after.type === 'composite') {
    const now = new Map(after.attributes.map((a) => [a.name, a]));
    const old = new Map(before.attributes.map((a) => [a.name, a]));
    for (const a of before.attributes) if (!now.has(a.name)) out.push(s(`ALTER TYPE ${name} DROP ATTRIBUTE ${ident(a.name)};`));
    for (const a of after.attributes) {
      const o = old.get(a.name);
      const coll = a.collation ? ` COLLATE ${a.collation}` : '';
      if (!o) out.push(s(`ALTER TYPE ${name} ADD ATTRIBUTE ${ident(a.name)} ${a.type}${coll};`));
      else if (o.type !== a.type || o.collation !== a.collation) out.push(s(`ALTER TYPE ${name} ALTER ATTRIBUTE ${ident(a.name)} TYPE ${a.type}${coll};`));
    }
  }
  return out;
}

function alterSequence(b: Sequence, a: Sequence): Stmt[] {
  const opts: string[] = [];
  if (b.type !== a.type) opts.push(`AS ${a.type}`);
  if (b.increment !== a.increment) opts.push(`INCREMENT BY ${a.increment}`);
  if (b.min !== a.min || b.type !== a.type) opts.push(`MINVALUE ${a.min}`);
  if (b.max !== a.max || b.type !== a.type) opts.push(`MAXVALUE ${a.max}`);
  if (b.start !== a.start) opts.push(`START WITH ${a.start}`);
  if (b.cache !== a.cache) opts.push(`CACHE ${a.cache}`);
  if (b.cycle !== a.cycle) opts.push(a.cycle ? 'CYCLE' : 'NO CYCLE');
  const out: Stmt[] = [];
  const name = qualified(a.schema, a.name);
  // Narrower bounds may exclude the current value: restart from START then.
  const narrower = BigInt(a.min) > BigInt(b.min) || BigInt(a.max) < BigInt(b.max);
  if (narrower) opts.push('RESTART');
  const hz = narrower ? [h('deletes_data', `restarts ${name} at ${a.start}: its current value may fall outside the new bounds`)] : [];
  if (opts.length) out.push(s(`ALTER SEQUENCE ${name} ${opts.join(' ')};`, ...hz));
  if (b.unlogged !== a.unlogged) out.push(s(`ALTER SEQUENCE ${name} SET ${a.unlogged ? 'UNLOGGED' : 'LOGGED'};`));
  return out;
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
  const callers = callersOfRebuilt(b, ctx);
  for (const c of callers.defaults) out.push(s(`ALTER TABLE ${name} ALTER COLUMN ${ident(c)} DROP DEFAULT;`));
  for (const c of callers.generated)
    out.push(s(`ALTER TABLE ${name} DROP COLUMN ${ident(c)};`, h('access_exclusive_lock', `drops generated column ${ident(c)} of ${name}; it is added back, computed again`)));
  return out;
}

/**
 * Columns whose default or generation expression calls a function this plan drops or creates
 * anew: they let go of it first (DROP DEFAULT; a generated column is dropped, then added back).
 */
function callersOfRebuilt(b: Table, ctx: SqlContext): { defaults: Set<string>; generated: Set<string> } {
  const out = { defaults: new Set<string>(), generated: new Set<string>() };
  const names: string[] = [];
  for (const d of b.deps) {
    const f = ctx.from.objects[d];
    if (f?.kind === 'function' && (ctx.created.has(d) || !ctx.to.objects[d])) names.push(f.name);
  }
  if (!names.length) return out;
  for (const c of b.columns) {
    const expr = c.default;
    if (expr === null || !c.local || !names.some((n) => expr.includes(`${n}(`) || expr.includes(`${ident(n)}(`))) continue;
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
  const before: Table = {
    ...b,
    columns: b.columns
      .filter((c) => !readd.includes(a.columns.find((x) => x.name === c.name)!) && !callers.generated.has(c.name))
      .map((c) => (callers.defaults.has(c.name) ? { ...c, default: null } : c)),
  };
  out.push(...alterColumns(before, a, isNew));
  // Dropping a generated column took its indexes and constraints with it: create them again.
  const readded = [...callers.generated, ...regeneratedColumns(before, a)];
  if (readded.length) {
    for (const obj of Object.values(ctx.to.objects)) {
      if ((obj.kind !== 'index' && obj.kind !== 'constraint') || obj.table !== a.key || ctx.created.has(obj.key)) continue;
      const was = ctx.from.objects[obj.key];
      if ((was?.kind === 'index' || was?.kind === 'constraint') && readded.some((c) => mentionsColumn(was.definition, c)))
        out.push(...createStatements(obj, ctx));
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
 * The USING expression of a column type change. User-defined types (schema-
 * qualified by format_type) have no casts between each other: go through text.
 */
/** Changes PostgreSQL makes without rewriting: a wider length or precision of the same type, varchar to text. */
function binaryCompatible(from: string, to: string): boolean {
  if (/^character varying(\(\d+\))?$/.test(from) && to === 'text') return true;
  const f = /^(character varying|numeric|bit varying)\((\d+)(?:,(\d+))?\)$/.exec(from);
  const t = /^(character varying|numeric|bit varying)(?:\((\d+)(?:,(\d+))?\))?$/.exec(to);
  if (!f || !t || f[1] !== t[1]) return false;
  if (t[2] === undefined) return true;
  return Number(t[2]) >= Number(f[2]) && (f[3] ?? '0') === (t[3] ?? '0');
}

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
  const lock = fresh ? [] : [h('access_exclusive_lock', `locks ${name}`)];
  const rewrite = (what: string) => (fresh ? [] : [h('rewrites_table', what), ...lock]);
  for (const c of b.columns) {
    if (now.has(c.name) || !c.local) continue;
    out.push(s(`${alter} DROP COLUMN ${ident(c.name)};`, h('deletes_data', `drops column ${ident(c.name)} of ${name}`), ...lock));
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
    const o = old.get(c.name);
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
        o.generated = '';
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
    if (o.type !== c.type || o.collation !== c.collation) {
      if (c.local || o.local)
        out.push(
          s(
            `${alter} ALTER COLUMN ${col} TYPE ${c.type}${c.collation ? ' COLLATE ' + c.collation : ''} USING ${castUsing(col, o.type, c.type)};`,
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
    if (c.identity && o.identity !== c.identity) {
      if (o.identity) out.push(s(`${alter} ALTER COLUMN ${col} SET GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'};`));
      else {
        if (!o.notNull) out.push(s(`${alter} ALTER COLUMN ${col} SET NOT NULL;`, ...lock));
        out.push(s(`${alter} ALTER COLUMN ${col} ADD GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${identityOptions(c.identitySequence, a.schema)};`, ...lock));
      }
    }
    if (c.identity && o.identity) {
      const sets = identityChanges(o.identitySequence, c.identitySequence);
      if (sets) out.push(s(`${alter} ALTER COLUMN ${col} ${sets};`));
      if (o.identitySequence && c.identitySequence && o.identitySequence.name !== c.identitySequence.name)
        out.push(s(`ALTER SEQUENCE ${qualified(a.schema, o.identitySequence.name)} RENAME TO ${ident(c.identitySequence.name)};`));
    }
  }
  out.push(...later);
  return out;
}
