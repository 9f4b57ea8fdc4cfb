/**
 * What a family's reader gets from read(): the bulk query runner, the objects read so far and the
 * way to add its own. A family reads with one query (or a few) for all its objects, never one per object.
 */
import type { DbObject, DomainConstraint, Grant, Scope, Sequence, Table, Type, View } from './types.js';

export type Row = Record<string, any>;

/** Values by catalog and OID: OIDs are unique within one catalog only. */
export class OidMap {
  private readonly byCatalog = new Map<string, Map<string, string>>();

  get(cls: string, oid: string): string | undefined {
    return this.byCatalog.get(cls)?.get(oid);
  }

  has(cls: string, oid: string): boolean {
    return this.byCatalog.get(cls)?.has(oid) === true;
  }

  set(cls: string, oid: string, value: string): void {
    let m = this.byCatalog.get(cls);
    if (!m) this.byCatalog.set(cls, (m = new Map()));
    m.set(oid, value);
  }
}

export interface CatalogReader {
  scope: Scope;
  /** server_version_num / 10000. */
  version: number;
  /** OIDs of the schemas in scope ($1 of most queries). */
  nsOids: string[];
  /** OIDs of the platform's schemas whose tables' triggers and policies are still read ($2 beside nsOids). */
  managedOids: string[];
  /** Runs a query and hands each row to onRow as it arrives. */
  each(sql: string, args: unknown[], onRow: (r: Row) => void): Promise<void>;
  /** Runs a query and returns its rows. */
  rows(sql: string, args?: unknown[]): Promise<Row[]>;
  /** Adds an object; with its catalog and OID, comments and pg_depend rows find it. */
  add(obj: DbObject, cls?: string, oid?: string): void;
  /** Records the owner when the scope compares owners. */
  own<T extends DbObject>(obj: T, owner: string | undefined): T;
  /** Whether an object (catalog, OID) belongs to an extension: those are never compared one by one. */
  member(cls: string, oid: string): boolean;
  /** The key of the snapshot object a catalog row is (or belongs to). */
  resolve: OidMap;
  objects: Map<string, DbObject>;
  warnings: string[];
  /** quote_ident as this server writes it. */
  quote(name: string): string;
  /** aclexplode rows ([grantee, privilege, grantable]) as sorted grants. */
  grants(raw: unknown): Grant[];
}

/** The table, view or materialized view a pg_class OID is, if the snapshot has it. */
export function relationOf(ctx: CatalogReader, oid: string): (DbObject & { kind: 'table' | 'view' | 'matview'; schema: string; name: string }) | undefined {
  const key = ctx.resolve.get('pg_class', oid);
  const obj = key === undefined ? undefined : ctx.objects.get(key);
  return obj && (obj.kind === 'table' || obj.kind === 'view' || obj.kind === 'matview') && obj.key === key ? obj : undefined;
}

/**
 * A family's reader: runs after the core kinds (schemas, types, relations, functions) are read,
 * and only when `present` (an SQL boolean; $1 is the schemas in scope) says the database has any
 * of its objects. One query asks every family at once, so the families a database lacks (most,
 * usually) cost no round trip of their own.
 */
export interface FamilyReader {
  present: string;
  read(ctx: CatalogReader): Promise<void>;
}

/** What the core families share while they read: the objects they made, by OID. */
export interface CoreState {
  /** Members of extensions (catalog, OID → the extension's key). */
  extensionOf: OidMap;
  /** Extensions whose schema is out of scope. */
  outside: Array<{ name: string; schema: string }>;
  types: Map<string, Type>;
  /** pg_class rows of the relations in scope, by OID. */
  relations: Map<string, Row>;
  tables: Map<string, Table>;
  views: Map<string, View>;
  sequences: Map<string, Sequence>;
  /** Relation OID → its column names by attnum, for column comments and labels. */
  attnames: Map<string, string[]>;
  /** A domain constraint by its pg_constraint OID, for its comment. */
  domainConstraints: Map<string, DomainConstraint>;
  /** A query whose rows can wait: awaited before the snapshot is returned. */
  defer(work: Promise<void>): void;
}

export type CoreReader = CatalogReader & { core: CoreState };

/** A core family's statement: its arguments are none, the schemas in scope ($1), or those and the platform's ($2). */
export interface CoreStatement {
  sql: string;
  args: 'none' | 'schemas' | 'schemas, managed';
}

/**
 * A core family: what the others build on (extensions, types, relations, functions). The
 * statements of every core family go to the server as one batch before any is read, so each
 * family reads its own in the order it lists them, and after the families before it.
 */
export interface CoreFamily {
  statements: CoreStatement[];
  read(ctx: CoreReader): Promise<void>;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** For filter(): drops the holes of a sparse array. */
export function present(): boolean {
  return true;
}
