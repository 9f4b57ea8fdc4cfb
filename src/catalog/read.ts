/** Reads a database's schema into a Snapshot with a fixed number of bulk catalog queries. */
import pg from 'pg';
import { SUPABASE_DEFAULT_EXTENSIONS, SUPABASE_SCHEMAS } from './scope.js';
import { ident, keyOf, qualified, quoteIdent } from './keys.js';
import * as Q from './queries.js';
import { FAMILY_READERS } from './families/index.js';
import { OidMap, type CatalogReader, type Row } from './reader.js';
import { CatalogSession } from './batch.js';
import type {
  Column,
  Constraint,
  DbObject,
  DomainConstraint,
  DomainType,
  Function,
  Grant,
  Index,
  Scope,
  SecurityLabel,
  Sequence,
  Snapshot,
  Table,
  Type,
  View,
} from './types.js';

const PLATFORM_EXTENSIONS = new Set(SUPABASE_DEFAULT_EXTENSIONS.map(([name]) => name));

/** Schemas of a Supabase database whose tables' RLS, triggers and policies users write. */
const SUPABASE_USER_TOUCHED = ['auth', 'storage'];


/** pg_policy.polcmd as CREATE POLICY … FOR writes it. */

/** pg_default_acl.defaclobjtype as ALTER DEFAULT PRIVILEGES … ON writes it. */

/**
 * Shared by every object without grants (most columns): one array instead of tens of thousands.
 * Frozen, so that code adding to it fails loudly instead of granting to everything.
 */
const NO_GRANTS: Grant[] = Object.freeze([]) as unknown as Grant[];

function toGrants(raw: unknown): Grant[] {
  if (raw === null || raw === undefined) return NO_GRANTS;
  const list = raw as Array<[string, string, boolean]>;
  return list
    .map(([grantee, privilege, grantable]) => ({ grantee, privilege, grantable }))
    .sort((a, b) => cmp(a.grantee, b.grantee) || cmp(a.privilege, b.privilege));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function inScope(name: string, scope: Scope): boolean {
  if (name === 'information_schema' || name === 'pg_catalog' || /^pg_toast/.test(name) || /^pg_temp/.test(name)) return false;
  if (scope.includeSchemas && scope.includeSchemas.length && !scope.includeSchemas.includes(name)) return false;
  if (scope.excludeSchemas?.includes(name)) return false;
  if (scope.profile === 'supabase' && (SUPABASE_SCHEMAS as readonly string[]).includes(name)) return false;
  return true;
}

/**
 * Reads the schema in scope. Runs its own REPEATABLE READ, READ ONLY
 * transaction (one consistent view): call it outside any transaction.
 */
export async function readSnapshot(client: pg.Client, scope: Scope): Promise<Snapshot> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query(`SET LOCAL search_path = ''`);
    const snapshot = await read(client, scope);
    await client.query('COMMIT');
    return snapshot;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * The same, inside a transaction the caller holds (a backup reads schema and
 * data from one snapshot); search_path is reset for it only.
 */
export async function readSnapshotInTransaction(client: pg.Client, scope: Scope): Promise<Snapshot> {
  const before = (await client.query<{ p: string }>(`SELECT current_setting('search_path') AS p`)).rows[0]!.p;
  await client.query(`SET LOCAL search_path = ''`);
  try {
    return await read(client, scope);
  } finally {
    await client.query(`SELECT set_config('search_path', $1, true)`, [before]);
  }
}

async function read(client: pg.Client, scope: Scope): Promise<Snapshot> {
  const session = new CatalogSession(client);
  try {
    return await readWith(session, scope);
  } catch (err) {
    await session.idle();
    throw err;
  }
}

async function readWith(session: CatalogSession, scope: Scope): Promise<Snapshot> {
  const q = (sql: string, args: unknown[] = []) => session.rows(sql, args);
  const each = (sql: string, args: unknown[], onRow: (r: Row) => void) => session.each(sql, args, onRow);
  const server = (await q(Q.SERVER))[0]!;
  const version = Number(server.version);
  const reserved = new Set<string>(server.reserved);
  /** quote_ident as this server writes it. */
  const quote = server.quote_all === 'on' ? ident : (name: string) => quoteIdent(name, reserved);
  const owners = scope.withOwners === true;
  const objects = new Map<string, DbObject>();
  const warnings: string[] = [];
  /** Catalog and OID → key of the snapshot object it is, or belongs to. */
  const resolve = new OidMap();
  const add = (obj: DbObject, cls?: string, oid?: string) => {
    objects.set(obj.key, obj);
    if (cls && oid) resolve.set(cls, oid, obj.key);
  };
  // Objects are written as whole literals (no spread): V8 builds spread ones far slower, and
  // reading their properties stays slower, which a 25,000-object snapshot feels.
  const own = <T extends DbObject>(obj: T, owner: string | undefined): T => {
    if (owners && owner) obj.owner = owner;
    return obj;
  };

  // Namespaces in scope, and (Supabase) the platform ones whose tables' RLS users still write.
  const nsRows = await q(Q.NAMESPACES);
  const nsOids: string[] = [];
  const managedOids: string[] = [];
  for (const r of nsRows) {
    if (inScope(r.nspname, scope)) {
      nsOids.push(r.oid);
      add(own({ key: keyOf.schema(r.nspname), deps: [] as string[], comment: null as string | null, kind: 'schema', name: r.nspname, grants: toGrants(r.grants) }, r.owner), 'pg_namespace', r.oid);
    } else if (scope.profile === 'supabase' && SUPABASE_USER_TOUCHED.includes(r.nspname)) {
      managedOids.push(r.oid);
    }
  }
  const params = [nsOids, managedOids];
  const familiesPresentSql = `SELECT ARRAY[${FAMILY_READERS.map((f) => `(${f.present})`).join(', ')}]::bool[] AS present`;
  // Every core query at once: none needs another's rows, only the schemas' OIDs.
  session.send([
    { sql: Q.EXTENSION_MEMBERS, args: [] },
    { sql: Q.EXTENSIONS, args: [] },
    { sql: Q.EXTENSION_MEMBER_ROUTINE_GRANTS, args: [] },
    { sql: Q.TYPES, args: [nsOids] },
    { sql: Q.ENUM_LABELS, args: [nsOids] },
    { sql: Q.RANGES, args: [nsOids] },
    { sql: Q.RELATIONS, args: params },
    { sql: Q.INHERITS, args: [nsOids] },
    { sql: Q.COLUMNS, args: [nsOids] },
    { sql: Q.CONSTRAINTS, args: [nsOids] },
    { sql: Q.DEFAULT_OPCLASSES, args: [] },
    { sql: Q.INDEXES_WITH_OPCLASS_OPTIONS, args: [nsOids] },
    { sql: Q.INDEXES, args: [nsOids] },
    { sql: Q.SEQUENCES, args: [nsOids] },
    { sql: Q.FUNCTIONS, args: [nsOids] },
    { sql: familiesPresentSql, args: [nsOids] },
    { sql: Q.SECURITY_LABELS, args: [] },
    { sql: Q.COMMENTS, args: [] },
    { sql: Q.DEPENDS, args: [] },
  ]);


  // Members of extensions are the extension's business, never compared one by one.
  const extensionOf = new OidMap();
  await each(Q.EXTENSION_MEMBERS, [], (r) => extensionOf.set(r.cls, r.objid, keyOf.extension(r.extname)));
  const member = (cls: string, oid: string) => extensionOf.has(cls, oid);

  const outside: Array<{ name: string; schema: string }> = [];
  await each(Q.EXTENSIONS, [], (r) => {
    const inScopeSchema = nsOids.includes(r.nsp);
    // A Supabase project's own extensions live in the platform's schemas (`extensions` mostly), and
    // the CLI's diff writes them: compared by name there too, all but the ones every project has.
    const platformPlaced = scope.profile === 'supabase' && !PLATFORM_EXTENSIONS.has(r.extname) && r.extname !== 'plpgsql';
    if (!inScopeSchema && !platformPlaced) {
      if (r.extname !== 'plpgsql') outside.push({ name: r.extname, schema: r.nspname });
      return;
    }
    const obj = own({ key: keyOf.extension(r.extname), deps: [] as string[], comment: null as string | null, kind: 'extension' as const, name: r.extname, schema: r.nspname, version: r.extversion, updatableTo: r.targets as string[], relocatable: r.extrelocatable === false ? false as const : undefined, standin: r.standin ? true : undefined }, r.owner);
    if (inScopeSchema) obj.deps.push(keyOf.schema(r.nspname));
    add(obj, 'pg_extension', r.oid);
  });
  // Members are not compared, but privileges granted or revoked on them are the user's (pg_dump keeps them).
  await each(Q.EXTENSION_MEMBER_ROUTINE_GRANTS, [], (r) => {
    const ext = objects.get(keyOf.extension(r.extname));
    if (ext?.kind !== 'extension') return;
    const member = `${r.prokind === 'p' ? 'PROCEDURE' : 'FUNCTION'} ${qualified(r.nspname, r.proname)}(${r.argtypes})`;
    (ext.memberGrants ??= []).push({ member, initial: toGrants(r.initial), grants: toGrants(r.grants) });
  });
  for (const o of objects.values()) if (o.kind === 'extension' && o.memberGrants) o.memberGrants.sort((a, b) => cmp(a.member, b.member));

  // Types: enums, domains, composites, ranges. Array and row types resolve to their element / table.
  const types = new Map<string, Type>();
  await each(Q.TYPES, [nsOids], (r) => {
    if (member('pg_type', r.oid)) {
      if (r.arr !== '0') extensionOf.set('pg_type', r.arr, extensionOf.get('pg_type', r.oid)!);
      return;
    }
    const key = keyOf.type(r.nspname, r.typname);
    const common = { key, deps: [] as string[], comment: null as string | null, kind: 'type' as const, schema: r.nspname, name: r.typname, grants: toGrants(r.grants) };
    let t: Type | null = null;
    if (r.typtype === 'e') t = { ...common, type: 'enum', labels: [] };
    else if (r.typtype === 'd')
      t = { ...common, type: 'domain', base: r.base, notNull: r.typnotnull, default: r.def, collation: r.collation, constraints: [] };
    else if (r.typtype === 'c' && r.relkind === 'c') {
      t = { ...common, type: 'composite', attributes: [] };
      resolve.set('pg_class', r.rel, key);
    } else if (r.typtype === 'r')
      t = { ...common, type: 'range', subtype: '', opclass: null, collation: null, canonical: null, subdiff: null, multirange: null };
    else if (r.typtype === 'b' && r.basedef) {
      const [input, output, receive, send, typmodIn, typmodOut, analyze, subscript, len, byval, align, storage, category, preferred, def, element, delim, collatable] = r.basedef;
      t = {
        ...common, type: 'base', input, output, receive, send, typmodIn, typmodOut, analyze, subscript,
        internalLength: len, passedByValue: byval, alignment: align, storage, category, preferred, default: def, element, delimiter: delim, collatable,
      };
    } else if (r.typtype === 'p' && r.typisdefined === false) t = { ...common, type: 'shell' };
    else return;
    own(t, r.owner);
    types.set(r.oid, t);
    add(t, 'pg_type', r.oid);
    if (r.arr !== '0') resolve.set('pg_type', r.arr, key);
  });
  await each(Q.ENUM_LABELS, [nsOids], (r) => {
    const t = types.get(r.typ);
    if (t?.type === 'enum') t.labels.push(r.enumlabel);
  });
  await each(Q.RANGES, [nsOids], (r) => {
    const t = types.get(r.typ);
    if (t?.type !== 'range') return;
    Object.assign(t, { subtype: r.subtype, opclass: r.opclass, collation: r.collation, canonical: r.canonical, subdiff: r.subdiff, multirange: r.multirange });
    resolve.set('pg_type', r.multioid, t.key);
  });

  // Relations.
  const relations = new Map<string, Row>();
  const tables = new Map<string, Table>();
  const views = new Map<string, View>();
  const sequences = new Map<string, Sequence>();
  await each(Q.RELATIONS, params, (r) => {
    if (member('pg_class', r.oid)) return;
    relations.set(r.oid, r);
    const owner = r.owner as string;
    // A sequence in a tablespace of its own is left out (no CREATE SEQUENCE takes one).
    if (r.tablespace && r.relkind === 'S') warnings.push(`sequence ${qualified(r.nspname, r.relname)} is in tablespace ${r.tablespace}: it is compared without it`);
    // A foreign table is a table with a server (read in families/foreign.ts).
    if (r.relkind === 'r' || r.relkind === 'p' || r.relkind === 'f') {
      const t: Table = own({
        key: keyOf.relation('table', r.nspname, r.relname), deps: [] as string[], comment: null as string | null,
        kind: 'table',
        schema: r.nspname,
        name: r.relname,
        partitioned: r.relkind === 'p',
        unlogged: r.relpersistence === 'u',
        partitionKey: r.partkey,
        partitionOf: null,
        partitionBound: r.bound,
        inherits: [],
        replicaIdentity: r.relreplident ?? 'd',
        replicaIdentityIndex: null,
        rowSecurity: r.relrowsecurity === true,
        forceRowSecurity: r.relforcerowsecurity === true,
        options: r.reloptions ?? [],
        accessMethod: r.amname,
        columns: [],
        grants: toGrants(r.grants),
        managed: r.managed === true,
      }, owner);
      if (r.tablespace && !r.managed) t.tablespace = r.tablespace;
      tables.set(r.oid, t);
      add(t, 'pg_class', r.oid);
      resolve.set('pg_type', r.reltype, t.key);
      if (r.reltypearray) resolve.set('pg_type', r.reltypearray, t.key);
    } else if (r.relkind === 'v' || r.relkind === 'm') {
      const kind = r.relkind === 'v' ? 'view' : 'matview';
      const v: View = own({
        key: keyOf.relation(kind, r.nspname, r.relname), deps: [] as string[], comment: null as string | null,
        kind,
        schema: r.nspname,
        name: r.relname,
        definition: r.viewdef,
        options: r.reloptions ?? [],
        columns: [],
        grants: toGrants(r.grants),
        populated: r.relispopulated !== false,
      }, owner);
      if (r.tablespace) v.tablespace = r.tablespace;
      views.set(r.oid, v);
      add(v, 'pg_class', r.oid);
      resolve.set('pg_type', r.reltype, v.key);
      if (r.reltypearray) resolve.set('pg_type', r.reltypearray, v.key);
    } else if (r.relkind === 'S') {
      const s: Sequence = own({
        key: keyOf.relation('sequence', r.nspname, r.relname), deps: [] as string[], comment: null as string | null,
        kind: 'sequence',
        schema: r.nspname,
        name: r.relname,
        type: '',
        start: '',
        increment: '',
        min: '',
        max: '',
        cache: '',
        cycle: false,
        unlogged: r.relpersistence === 'u',
        ownedBy: null,
        grants: toGrants(r.grants),
      }, owner);
      sequences.set(r.oid, s);
    }
  });

  /** Index OID → the partitioned index it is attached to. */
  const indexParent = new Map<string, string>();
  await each(Q.INHERITS, [nsOids], (r) => {
    indexParent.set(r.child, r.parent);
    const child = tables.get(r.child);
    const parent = tables.get(r.parent);
    if (!child || !parent) return;
    if (child.partitionBound !== null) child.partitionOf = parent.key;
    else child.inherits.push(parent.key);
  });

  /** Relation OID → its column names by attnum, for column comments. */
  const attnames = new Map<string, string[]>();
  await each(Q.COLUMNS, [nsOids], (r) => {
    let names = attnames.get(r.rel);
    if (!names) attnames.set(r.rel, (names = []));
    names[r.attnum] = r.attname;
    resolveAttrdef: if (r.defoid) {
      const rel = relations.get(r.rel);
      if (!rel) break resolveAttrdef;
      resolve.set('pg_attrdef', r.defoid, keyOf.relation(rel.relkind === 'v' ? 'view' : rel.relkind === 'm' ? 'matview' : 'table', rel.nspname, rel.relname));
    }
    const t = tables.get(r.rel);
    if (t) {
      const c: Column = {
        name: r.attname,
        type: r.type,
        notNull: r.attnotnull === true,
        default: r.def,
        identity: r.attidentity ?? '',
        generated: r.attgenerated ?? '',
        collation: r.collation,
        local: r.attislocal !== false,
        storage: r.storage,
        compression: r.compression,
        statistics: r.stattarget === null ? null : Number(r.stattarget),
        comment: null,
        grants: toGrants(r.grants),
      };
      t.columns[r.attnum - 1] = c;
      return;
    }
    const v = views.get(r.rel);
    if (v) {
      v.columns[r.attnum - 1] = { name: r.attname, type: r.type, comment: null, grants: toGrants(r.grants) };
      return;
    }
    const rel = relations.get(r.rel);
    if (rel?.relkind === 'c') {
      const ty = types.get(rel.reltype);
      if (ty?.type === 'composite') ty.attributes[r.attnum - 1] = { name: r.attname, type: r.type, collation: r.collation, comment: null };
    }
  });

  // Columns arrive in any order and were placed by attnum: close the gaps dropped ones leave
  // (index definitions still find them by attnum).
  const columnsByAttnum = new Map<string, Column[]>();
  for (const [oid, t] of tables) {
    columnsByAttnum.set(oid, t.columns);
    t.columns = t.columns.filter(present);
  }
  for (const v of views.values()) v.columns = v.columns.filter(present);
  for (const ty of types.values()) if (ty.type === 'composite') ty.attributes = ty.attributes.filter(present);
  // A partition's columns always come from its parent, whatever attislocal says after ATTACH.
  for (const t of tables.values()) if (t.partitionOf) for (const c of t.columns) c.local = false;

  // Constraints; the indexes behind PK/UNIQUE/EXCLUDE belong to them.
  const constraintIndexes = new Map<string, string>();
  /** Index OID of a constraint cloned onto a partition → the parent constraint's OID. */
  const clonedFrom = new Map<string, string>();
  const constraints = new Map<string, Constraint>();
  const domainConstraints = new Map<string, DomainConstraint>();
  await each(Q.CONSTRAINTS, [nsOids], (r) => {
    if (r.typ !== null) {
      const d = types.get(r.typ);
      if (d?.type === 'domain') {
        const dc: DomainConstraint = { name: r.conname, definition: r.def, validated: r.convalidated !== false };
        (d as DomainType).constraints.push(dc);
        domainConstraints.set(r.oid, dc);
        resolve.set('pg_constraint', r.oid, d.key);
      }
      return;
    }
    const t = tables.get(r.rel);
    if (!t) return;
    if (r.contype === 't') return; // constraint triggers are read as triggers
    if (r.parent !== null || r.conislocal === false) {
      // Cloned onto a partition / inherited: created with the parent's.
      resolve.set('pg_constraint', r.oid, t.key);
      if (['p', 'u', 'x'].includes(r.contype) && r.indid !== null) {
        constraintIndexes.set(r.indid, t.key);
        if (r.parent !== null) clonedFrom.set(r.indid, r.parent);
      }
      return;
    }
    if (['p', 'u', 'x'].includes(r.contype) && r.indid !== null) constraintIndexes.set(r.indid, keyOf.constraint(t.schema, t.name, r.conname));
    const c: Constraint = {
      key: keyOf.constraint(t.schema, t.name, r.conname), deps: [] as string[], comment: null as string | null,
      kind: 'constraint',
      schema: t.schema,
      table: t.key,
      tableName: t.name,
      name: r.conname,
      type: r.contype,
      definition: r.def,
      validated: r.convalidated !== false,
    };
    c.deps.push(t.key);
    constraints.set(r.oid, c);
    add(c, 'pg_constraint', r.oid);
  });

  const attached: Array<[Index, string]> = [];
  const defaultOpclass = new Map<string, { type: string; collation: string }>();
  await each(Q.DEFAULT_OPCLASSES, [], (r) => defaultOpclass.set(r.oid, { type: r.type, collation: r.collation }));
  const withOpclassOptions = new Set<string>();
  await each(Q.INDEXES_WITH_OPCLASS_OPTIONS, [nsOids], (r) => withOpclassOptions.add(r.oid));
  /**
   * pg_get_indexdef's text for an index of plain columns (its parts, see Q.INDEXES), or null where
   * it would write more: an operator class that is not the default for exactly the column's
   * type (compared as format_type writes them, so a typmod, domain or binary-compatible type
   * is left to the server), a collation other than the column's, or operator class options.
   */
  const plainIndexDef = (r: Row, t: Table): string | null => {
    const columns = columnsByAttnum.get(r.rel);
    if (!columns || withOpclassOptions.has(r.oid)) return null;
    const parts = (r.parts as string).split(';');
    const keys = parts[1]!.split(' ');
    const opclasses = parts[2]!.split(' ');
    const collations = parts[3]!.split(' ');
    // the access method's name is last, and the only part that could hold a ';'
    const am = parts.slice(4).join(';');
    let list = '';
    for (let k = 0; k < keys.length; k++) {
      const c = columns[Number(keys[k]) - 1];
      const opclass = defaultOpclass.get(opclasses[k]!);
      if (!c || !opclass || opclass.type !== c.type) return null;
      // A column without COLLATE has its type's collation, which is the operator class type's here.
      if (collations[k] !== '0' && !(c.collation === null && collations[k] === opclass.collation)) return null;
      list += (k ? ', ' : '') + quote(c.name);
    }
    return `CREATE ${parts[0] === 'u' ? 'UNIQUE ' : ''}INDEX ${quote(r.relname)} ON ${quote(t.schema)}.${quote(t.name)} USING ${quote(am)} (${list})${r.pred === null ? '' : ' WHERE ' + r.pred}`;
  };
  /** Indexes whose definition only the server can write, asked for in one query. */
  const toDeparse = new Map<string, Index>();
  await each(Q.INDEXES, [nsOids], (r) => {
    const rel = relations.get(r.rel);
    if (!rel || member('pg_class', r.oid)) return;
    const owner = constraintIndexes.get(r.oid);
    const t = tables.get(r.rel);
    if (r.indisclustered) {
      const clustered = t ?? views.get(r.rel);
      if (clustered) clustered.clusterOn = r.relname;
    }
    if (r.indisreplident && t) t.replicaIdentityIndex = r.relname;
    if (owner) {
      resolve.set('pg_class', r.oid, owner);
      const c = objects.get(owner);
      if (r.tablespace && c?.kind === 'constraint') c.indexTablespace = r.tablespace;
      else if (r.tablespace && c?.kind === 'table') {
        // A partition's copy of its parent's constraint is made in the parent index's tablespace.
        const parentKey = resolve.get('pg_constraint', clonedFrom.get(r.oid) ?? '');
        const parent = parentKey === undefined ? undefined : objects.get(parentKey);
        if (parent?.kind !== 'constraint' || parent.indexTablespace !== r.tablespace)
          warnings.push(`index ${qualified(rel.nspname, r.relname)} of a constraint copied onto a partition is in tablespace ${r.tablespace}: it is compared without it`);
      }
      return;
    }
    const relKey = t?.key ?? views.get(r.rel)?.key;
    if (!relKey) return;
    const def: string | null = r.parts === null ? r.def : t ? plainIndexDef(r, t) : null;
    const i: Index = {
      key: keyOf.relation('index', rel.nspname, r.relname), deps: [] as string[], comment: null as string | null,
      kind: 'index',
      schema: rel.nspname,
      name: r.relname,
      table: relKey,
      definition: def ?? '',
      parentIndex: null,
    };
    if (r.tablespace) i.tablespace = r.tablespace;
    if (def === null) toDeparse.set(r.oid, i);
    i.deps.push(relKey);
    add(i, 'pg_class', r.oid);
    if (r.relispartition) attached.push([i, r.oid]);
  });
  // It runs after the batch: awaited only at the end, so the batch's other rows are read meanwhile.
  const indexDefs = toDeparse.size ? each(Q.INDEX_DEFS, [[...toDeparse.keys()]], (r) => (toDeparse.get(r.oid)!.definition = r.def)) : Promise.resolve();
  indexDefs.catch(() => undefined);
  // A partition's index attached to its parent's: the parent is created after it (and attaches it).
  for (const [child, oid] of attached) {
    const parentKey = resolve.get('pg_class', indexParent.get(oid)!);
    const parent = parentKey ? objects.get(parentKey) : undefined;
    if (parent?.kind !== 'index') continue;
    child.parentIndex = parent.key;
    parent.deps.push(child.key);
  }

  await each(Q.SEQUENCES, [nsOids], (r) => {
    const s = sequences.get(r.oid);
    if (!s) return;
    const ownerTable = r.ownerrel ? tables.get(r.ownerrel) : undefined;
    if (r.deptype === 'i') {
      // An identity column's sequence: part of the column.
      if (ownerTable) {
        resolve.set('pg_class', r.oid, ownerTable.key);
        const column = ownerTable.columns.find((c) => c.name === r.ownercol);
        if (column)
          column.identitySequence = { name: s.name, start: r.start, increment: r.increment, min: r.min, max: r.max, cache: r.cache, cycle: r.seqcycle };
      }
      return;
    }
    Object.assign(s, { type: r.type, start: r.start, increment: r.increment, min: r.min, max: r.max, cache: r.cache, cycle: r.seqcycle });
    if (ownerTable) s.ownedBy = { table: ownerTable.key, column: r.ownercol };
    add(s, 'pg_class', r.oid);
  });

  await each(Q.FUNCTIONS, [nsOids], (r) => {
    if (member('pg_proc', r.oid)) return;
    const f: Function = own({
      key: keyOf.function(r.nspname, r.proname, r.argtypes), deps: [] as string[], comment: null as string | null,
      kind: 'function',
      schema: r.nspname,
      name: r.proname,
      prokind: r.prokind,
      identityArgs: r.identargs,
      arguments: r.args,
      result: r.result,
      definition: r.prokind === 'a' ? aggregateDefinition(r.nspname, r.proname, r.args, r.agg) : r.def,
      grants: toGrants(r.grants),
    }, r.owner);
    add(f, 'pg_proc', r.oid);
  });

  const ctx: CatalogReader = { scope, version, nsOids, managedOids, each, rows: q, add, own, member, resolve, objects, warnings, quote, grants: toGrants };
  let familiesPresent: boolean[] = [];
  await each(familiesPresentSql, [nsOids], (r) => (familiesPresent = r.present));
  for (const [i, family] of FAMILY_READERS.entries()) if (familiesPresent[i]) await family.read(ctx);

  // Security labels, on the objects SECURITY LABEL takes that the snapshot has (by provider: the query sorts).
  await each(Q.SECURITY_LABELS, [], (r) => {
    if (member(r.cls, r.oid)) return;
    const key = resolve.get(r.cls, r.oid);
    const obj = key === undefined ? undefined : objects.get(key);
    if (!obj) return;
    const label: SecurityLabel = { provider: r.provider, label: r.label };
    const rel = r.cls === 'pg_class' ? relations.get(r.oid) : undefined;
    // A catalog row can resolve to the object it belongs to (an identity sequence to its table, a row type to its table).
    const itself = LABELLED[r.cls]?.includes(obj.kind) === true && (!rel || rel.relname === (obj as { name?: string }).name);
    if (itself && r.objsubid === 0) {
      (obj.securityLabels ??= []).push(label);
      return;
    }
    if (itself && (obj.kind === 'table' || obj.kind === 'view' || obj.kind === 'matview')) {
      const name = attnames.get(r.oid)?.[r.objsubid];
      const column = (obj.columns as Array<{ name: string; securityLabels?: SecurityLabel[] }>).find((c) => c.name === name);
      if (column) {
        (column.securityLabels ??= []).push(label);
        return;
      }
    }
    warnings.push(`security label (${r.provider}) on ${r.what}: not compared (only those of what the snapshot holds as an object or a column are)`);
  });

  // Comments.
  await each(Q.COMMENTS, [], (r) => {
    const key = resolve.get(r.cls, r.objoid);
    if (!key) return;
    const obj = objects.get(key);
    if (!obj) return;
    if (r.objsubid === 0) {
      // An index behind a constraint resolves to the constraint: its comment is the index's.
      if (r.cls === 'pg_class' && obj.kind === 'constraint') {
        obj.indexComment = r.description;
        return;
      }
      if (r.cls === 'pg_type' && obj.kind === 'table') return;
      if (r.cls === 'pg_constraint' && obj.kind === 'trigger') return;
      if (r.cls === 'pg_constraint' && obj.kind === 'type') {
        const dc = domainConstraints.get(r.objoid);
        if (dc) dc.comment = r.description;
        return;
      }
      obj.comment = r.description;
      return;
    }
    const rel = relations.get(r.objoid);
    if (!rel) return;
    const attnum = r.objsubid as number;
    if (obj.kind === 'table' || obj.kind === 'view' || obj.kind === 'matview') {
      const name = attnames.get(rel.oid)?.[attnum];
      const col = (obj.columns as Array<{ name: string; comment: string | null }>).find((c) => c.name === name);
      if (col) col.comment = r.description;
    } else if (obj.kind === 'type' && obj.type === 'composite') {
      const name = attnames.get(rel.oid)?.[attnum];
      const a = obj.attributes.find((x) => x.name === name);
      if (a) a.comment = r.description;
    }
  });

  // Dependencies: collected with repeats, made unique and sorted once at the end.
  await each(Q.DEPENDS, [], (r) => {
    const from = resolve.get(r.cls, r.objid);
    const obj = from === undefined ? undefined : objects.get(from);
    if (!obj) return;
    const to = resolve.get(r.refcls, r.refobjid) ?? extensionOf.get(r.refcls, r.refobjid);
    if (to !== undefined && to !== from && objects.has(to)) obj.deps.push(to);
  });
  const schemaKeys = new Map<string, string>();
  for (const obj of objects.values()) {
    if (obj.kind === 'table') {
      obj.deps.push(...obj.inherits);
      if (obj.partitionOf) obj.deps.push(obj.partitionOf);
    }
    if ('schema' in obj && typeof obj.schema === 'string' && obj.kind !== 'default_acl') {
      let s = schemaKeys.get(obj.schema);
      if (s === undefined) schemaKeys.set(obj.schema, (s = keyOf.schema(obj.schema)));
      if (obj.key !== s && objects.has(s)) obj.deps.push(s);
    }
    if (obj.deps.length > 1) obj.deps = [...new Set(obj.deps)].sort();
  }

  await indexDefs;
  warnings.sort();
  const snapshot: Snapshot = { format: 'dbalign-snapshot-1', serverVersion: version, scope, objects: sortKeys(objects), warnings: [...new Set(warnings)] };
  if (outside.length) snapshot.extensionsOutOfScope = outside.sort((a, b) => cmp(a.name, b.name));
  return snapshot;
}

/** The kinds a SECURITY LABEL can name, by the catalog of the labelled row. */
const LABELLED: Record<string, readonly DbObject['kind'][]> = {
  pg_class: ['table', 'view', 'matview', 'sequence'],
  pg_proc: ['function'],
  pg_namespace: ['schema'],
  pg_type: ['type'],
  pg_event_trigger: ['event_trigger'],
  pg_publication: ['publication'],
  pg_language: ['language'],
};

/** For filter(): drops the holes of a sparse array. */
function present(): boolean {
  return true;
}


function sortKeys(objects: Map<string, DbObject>): Record<string, DbObject> {
  const out: Record<string, DbObject> = {};
  for (const k of [...objects.keys()].sort()) out[k] = objects.get(k)!;
  return out;
}

/** CREATE AGGREGATE from pg_aggregate (PostgreSQL has no pg_get_aggregatedef). */
function aggregateDefinition(schema: string, name: string, args: string, a: Row): string {
  const opts: string[] = [`SFUNC = ${a.sfunc}`, `STYPE = ${a.stype}`];
  if (a.sspace) opts.push(`SSPACE = ${a.sspace}`);
  if (a.finalfunc) opts.push(`FINALFUNC = ${a.finalfunc}`);
  if (a.finalfunc_extra) opts.push('FINALFUNC_EXTRA');
  const modify = { r: 'READ_ONLY', s: 'SHAREABLE', w: 'READ_WRITE' } as Record<string, string>;
  const defaultModify = a.kind === 'n' ? 'r' : 'w';
  if (a.finalfunc && a.finalfunc_modify !== defaultModify) opts.push(`FINALFUNC_MODIFY = ${modify[a.finalfunc_modify]}`);
  if (a.combinefunc) opts.push(`COMBINEFUNC = ${a.combinefunc}`);
  if (a.serialfunc) opts.push(`SERIALFUNC = ${a.serialfunc}`);
  if (a.deserialfunc) opts.push(`DESERIALFUNC = ${a.deserialfunc}`);
  if (a.initcond !== null) opts.push(`INITCOND = ${quoteLiteral(a.initcond)}`);
  if (a.msfunc) opts.push(`MSFUNC = ${a.msfunc}`);
  if (a.minvfunc) opts.push(`MINVFUNC = ${a.minvfunc}`);
  if (a.mstype) opts.push(`MSTYPE = ${a.mstype}`);
  if (a.msspace) opts.push(`MSSPACE = ${a.msspace}`);
  if (a.mfinalfunc) opts.push(`MFINALFUNC = ${a.mfinalfunc}`);
  if (a.mfinalfunc_extra) opts.push('MFINALFUNC_EXTRA');
  if (a.minitcond !== null) opts.push(`MINITCOND = ${quoteLiteral(a.minitcond)}`);
  if (a.sortop) opts.push(`SORTOP = ${a.sortop.replace(/\(.*$/, '')}`);
  if (a.kind === 'h') opts.push('HYPOTHETICAL');
  if (a.parallel && a.parallel !== 'u') opts.push(`PARALLEL = ${a.parallel === 's' ? 'SAFE' : 'RESTRICTED'}`);
  return `CREATE AGGREGATE ${ident(schema)}.${ident(name)}(${args || '*'}) (\n    ${opts.join(',\n    ')}\n)`;
}

function quoteLiteral(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}
