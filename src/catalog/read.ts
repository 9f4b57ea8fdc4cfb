/** Reads a database's schema into a Snapshot with a fixed number of bulk catalog queries. */
import pg from 'pg';
import { SUPABASE_SCHEMAS } from './scope.js';
import { ident, keyOf, quoteIdent } from './keys.js';
import * as Q from './queries.js';
import { FAMILY_READERS } from './families/index.js';
import { cmp, OidMap, type CoreFamily, type CoreReader, type CoreState, type Row } from './reader.js';
import { readExtensions } from './families/extensions.js';
import { readFunctions } from './families/functions.js';
import { readRelations } from './families/relations.js';
import { readTypes } from './families/types.js';
import { CatalogSession } from './batch.js';
import type { DbObject, Grant, Scope, SecurityLabel, Snapshot } from './types.js';

/** Schemas of a Supabase database whose tables' RLS, triggers and policies users write. */
const SUPABASE_USER_TOUCHED = ['auth', 'storage'];

/** Read in this order: each builds on those before it. */
const CORE_FAMILIES: CoreFamily[] = [readExtensions, readTypes, readRelations, readFunctions];

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
  } finally {
    // The connection is the caller's again only once the server has answered everything.
    await session.idle();
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
  const familiesPresentSql = `SELECT ARRAY[${FAMILY_READERS.map((f) => `(${f.present})`).join(', ')}]::bool[] AS present`;
  const pending: Promise<void>[] = [];
  const core: CoreState = {
    extensionOf: new OidMap(),
    outside: [],
    types: new Map(),
    relations: new Map(),
    tables: new Map(),
    views: new Map(),
    sequences: new Map(),
    attnames: new Map(),
    domainConstraints: new Map(),
    defer: (work) => {
      work.catch(() => undefined); // awaited below
      pending.push(work);
    },
  };
  const { extensionOf, relations, attnames, domainConstraints } = core;
  // Members of extensions are the extension's business, never compared one by one.
  const member = (cls: string, oid: string) => extensionOf.has(cls, oid);
  const ctx: CoreReader = { scope, version, nsOids, managedOids, each, rows: q, add, own, member, resolve, objects, warnings, quote, grants: toGrants, core };
  // Every core query at once: none needs another's rows, only the schemas' OIDs.
  const argsOf = { none: [], schemas: [nsOids], 'schemas, managed': [nsOids, managedOids] };
  session.send([
    ...CORE_FAMILIES.flatMap((f) => f.statements.map((st) => ({ sql: st.sql, args: argsOf[st.args] }))),
    { sql: familiesPresentSql, args: [nsOids] },
    { sql: Q.SECURITY_LABELS, args: [] },
    { sql: Q.COMMENTS, args: [] },
    { sql: Q.DEPENDS, args: [] },
  ]);
  for (const family of CORE_FAMILIES) await family.read(ctx);

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

  await Promise.all(pending);
  warnings.sort();
  const snapshot: Snapshot = { format: 'dbalign-snapshot-1', serverVersion: version, scope, objects: sortKeys(objects), warnings: [...new Set(warnings)] };
  if (core.outside.length) snapshot.extensionsOutOfScope = core.outside.sort((a, b) => cmp(a.name, b.name));
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

function sortKeys(objects: Map<string, DbObject>): Record<string, DbObject> {
  const out: Record<string, DbObject> = {};
  for (const k of [...objects.keys()].sort()) out[k] = objects.get(k)!;
  return out;
}
