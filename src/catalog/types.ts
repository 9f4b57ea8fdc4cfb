/**
 * The snapshot of a database's schema: plain JSON data, every object under a
 * stable key built from names (never OIDs), so two databases' snapshots compare.
 */

export type { Profile, Scope } from './scope.js';
import type { Scope } from './scope.js';

export type Kind =
  | 'schema'
  | 'extension'
  | 'collation'
  | 'type'
  | 'sequence'
  | 'table'
  | 'constraint'
  | 'index'
  | 'view'
  | 'matview'
  | 'function'
  | 'trigger'
  | 'event_trigger'
  | 'policy'
  | 'rule'
  | 'publication'
  | 'default_acl'
  | 'text_search_parser'
  | 'text_search_template'
  | 'text_search_dictionary'
  | 'text_search_configuration'
  | 'statistics'
  | 'conversion'
  | 'language';

/** tgenabled, ev_enabled, evtenabled: O on (origin), D disabled, R replica only, A always. */
export type Enabled = 'O' | 'D' | 'R' | 'A';

/** The object types ALTER DEFAULT PRIVILEGES … ON names (pg_default_acl.defaclobjtype r, S, f, T, n). */
export type DefaultPrivilegeType = 'TABLES' | 'SEQUENCES' | 'FUNCTIONS' | 'TYPES' | 'SCHEMAS';

/** One privilege held by a role (or PUBLIC); the owner's own are implicit and left out. */
export interface Grant {
  grantee: string;
  privilege: string;
  grantable: boolean;
}

interface Base {
  key: string;
  /** Keys of the objects this one needs to exist (from pg_depend and the catalogs). */
  deps: string[];
  comment: string | null;
  /** Only recorded with Scope.withOwners. */
  owner?: string;
}

export interface Schema extends Base {
  kind: 'schema';
  name: string;
  grants: Grant[];
}

export interface Extension extends Base {
  kind: 'extension';
  name: string;
  schema: string;
  version: string;
  /** Versions ALTER EXTENSION UPDATE can reach from this one here (not compared). */
  updatableTo: string[];
  /**
   * A dbalign stand-in (standins/ in the package) rather than the real
   * extension: its version and comment are never compared.
   */
  standin?: true;
}

export interface Collation extends Base {
  kind: 'collation';
  schema: string;
  name: string;
  /** collprovider: c libc, i icu, b builtin (17), d the database default. */
  provider: 'c' | 'i' | 'b' | 'd';
  collate: string | null;
  ctype: string | null;
  locale: string | null;
  deterministic: boolean;
}

export interface Column {
  name: string;
  /** format_type() of the column, schema-qualified. */
  type: string;
  notNull: boolean;
  default: string | null;
  /** attidentity: '' none, 'a' ALWAYS, 'd' BY DEFAULT. */
  identity: '' | 'a' | 'd';
  /** The identity column's sequence: its name and options. */
  identitySequence?: IdentitySequence;
  /** attgenerated: '' or 's' (stored); `default` then holds the expression. */
  generated: '' | 's';
  /** Explicit collation, when it differs from the type's. */
  collation: string | null;
  /** False for a column only inherited from a parent. */
  local: boolean;
  /** attstorage when it differs from the type's (p, e, m, x). */
  storage: 'p' | 'e' | 'm' | 'x' | null;
  /** attcompression: p (pglz) or l (lz4), null for the default. */
  compression: 'p' | 'l' | null;
  /** attstattarget, null for the default. */
  statistics: number | null;
  comment: string | null;
  grants: Grant[];
}

export interface IdentitySequence {
  name: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
}

export interface Table extends Base {
  kind: 'table';
  schema: string;
  name: string;
  partitioned: boolean;
  unlogged: boolean;
  /** pg_get_partkeydef() for a partitioned table. */
  partitionKey: string | null;
  /** Parent table key and bound for a partition. */
  partitionOf: string | null;
  partitionBound: string | null;
  /** Parent table keys, in order, for inheritance (not partitions). */
  inherits: string[];
  replicaIdentity: 'd' | 'n' | 'f' | 'i';
  replicaIdentityIndex: string | null;
  rowSecurity: boolean;
  forceRowSecurity: boolean;
  options: string[];
  accessMethod: string | null;
  columns: Column[];
  grants: Grant[];
  /**
   * A table in a platform-managed schema (Supabase auth/storage): only its
   * row-level security flags are compared, never its structure.
   */
  managed: boolean;
}

export interface Constraint extends Base {
  kind: 'constraint';
  schema: string;
  table: string;
  tableName: string;
  name: string;
  /** contype: p primary key, u unique, f foreign key, c check, x exclusion (t, constraint triggers, are read as triggers). */
  type: 'p' | 'u' | 'f' | 'c' | 'x';
  /** pg_get_constraintdef(). */
  definition: string;
  validated: boolean;
  /** Comment on the index behind a PRIMARY KEY, UNIQUE or EXCLUDE constraint (it shares the constraint's name). */
  indexComment?: string;
}

export interface Index extends Base {
  kind: 'index';
  schema: string;
  name: string;
  table: string;
  /** pg_get_indexdef(). */
  definition: string;
  /** Index of a partition attached to this parent index (key). */
  parentIndex: string | null;
}

export interface Sequence extends Base {
  kind: 'sequence';
  schema: string;
  name: string;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  unlogged: boolean;
  ownedBy: { table: string; column: string } | null;
  grants: Grant[];
}

export interface ViewColumn {
  name: string;
  type: string;
  comment: string | null;
  grants: Grant[];
}

export interface View extends Base {
  kind: 'view' | 'matview';
  schema: string;
  name: string;
  /** pg_get_viewdef(). */
  definition: string;
  options: string[];
  columns: ViewColumn[];
  grants: Grant[];
  /** Matviews: created WITH DATA (ispopulated). */
  populated: boolean;
}

export interface Function extends Base {
  kind: 'function';
  schema: string;
  name: string;
  /** f function, p procedure, a aggregate, w window. */
  prokind: 'f' | 'p' | 'a' | 'w';
  /** pg_get_function_identity_arguments(): for DROP/COMMENT/GRANT. */
  identityArgs: string;
  /** pg_get_function_arguments(): names and defaults, which CREATE OR REPLACE cannot change. */
  arguments: string;
  result: string | null;
  /** pg_get_functiondef(), or a built CREATE AGGREGATE. */
  definition: string;
  grants: Grant[];
}

export interface Trigger extends Base {
  kind: 'trigger';
  schema: string;
  table: string;
  tableName: string;
  name: string;
  /** pg_get_triggerdef(). */
  definition: string;
  enabled: Enabled;
}

export interface EventTrigger extends Base {
  kind: 'event_trigger';
  name: string;
  event: string;
  function: string;
  tags: string[] | null;
  enabled: Enabled;
}

export interface EnumType extends Base {
  kind: 'type';
  type: 'enum';
  schema: string;
  name: string;
  labels: string[];
  grants: Grant[];
}

export interface DomainConstraint {
  name: string;
  definition: string;
  validated: boolean;
  comment?: string;
}

export interface DomainType extends Base {
  kind: 'type';
  type: 'domain';
  schema: string;
  name: string;
  base: string;
  notNull: boolean;
  default: string | null;
  collation: string | null;
  constraints: DomainConstraint[];
  grants: Grant[];
}

export interface CompositeType extends Base {
  kind: 'type';
  type: 'composite';
  schema: string;
  name: string;
  attributes: Array<{ name: string; type: string; collation: string | null; comment: string | null }>;
  grants: Grant[];
}

export interface RangeType extends Base {
  kind: 'type';
  type: 'range';
  schema: string;
  name: string;
  subtype: string;
  opclass: string | null;
  collation: string | null;
  canonical: string | null;
  subdiff: string | null;
  multirange: string | null;
  grants: Grant[];
}

export type Type = EnumType | DomainType | CompositeType | RangeType;

export interface Policy extends Base {
  kind: 'policy';
  schema: string;
  table: string;
  tableName: string;
  name: string;
  permissive: boolean;
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  roles: string[];
  using: string | null;
  check: string | null;
}

export interface Rule extends Base {
  kind: 'rule';
  schema: string;
  table: string;
  tableName: string;
  name: string;
  definition: string;
  enabled: Enabled;
}

export interface PublicationTable {
  table: string;
  columns: string[] | null;
  where: string | null;
}

export interface Publication extends Base {
  kind: 'publication';
  name: string;
  allTables: boolean;
  publish: string[];
  viaRoot: boolean;
  tables: PublicationTable[];
  schemas: string[];
}

export interface DefaultAcl extends Base {
  kind: 'default_acl';
  role: string;
  schema: string | null;
  objectType: DefaultPrivilegeType;
  grants: Grant[];
}

/** A text search parser (no owner: only superusers make them). Functions as regproc writes them. */
export interface TextSearchParser extends Base {
  kind: 'text_search_parser';
  schema: string;
  name: string;
  start: string;
  gettoken: string;
  end: string;
  lextypes: string;
  headline: string | null;
}

/** A text search template (no owner, like parsers). */
export interface TextSearchTemplate extends Base {
  kind: 'text_search_template';
  schema: string;
  name: string;
  init: string | null;
  lexize: string;
}

export interface TextSearchDictionary extends Base {
  kind: 'text_search_dictionary';
  schema: string;
  name: string;
  /** The template, schema-qualified. */
  template: string;
  /** dictinitoption as [name, value as SQL] pairs, in their stored order (pg_dump writes them in it). */
  options: Array<[string, string]>;
}

/** One token type's dictionaries, in the order they are consulted. */
export interface TextSearchMapping {
  /** The token type's alias (ts_token_type), e.g. asciiword. */
  token: string;
  /** Dictionaries, schema-qualified. */
  dictionaries: string[];
}

export interface TextSearchConfiguration extends Base {
  kind: 'text_search_configuration';
  schema: string;
  name: string;
  /** The parser, schema-qualified. */
  parser: string;
  /** In token type order. */
  mappings: TextSearchMapping[];
}

/** An extended statistics object (CREATE STATISTICS). */
export interface Statistics extends Base {
  kind: 'statistics';
  schema: string;
  name: string;
  /** The table or materialized view's key. */
  table: string;
  /** pg_get_statisticsobjdef(). */
  definition: string;
  /** stxstattarget, null for the default (-1 on 15). */
  target: number | null;
}

export interface Conversion extends Base {
  kind: 'conversion';
  schema: string;
  name: string;
  forEncoding: string;
  toEncoding: string;
  /** The conversion function as regproc writes it. */
  function: string;
  default: boolean;
}

/** A procedural language (not schema-qualified); functions as regproc writes them. */
export interface Language extends Base {
  kind: 'language';
  name: string;
  trusted: boolean;
  handler: string;
  inline: string | null;
  validator: string | null;
  grants: Grant[];
}

export type DbObject =
  | Schema
  | Extension
  | Collation
  | Type
  | Sequence
  | Table
  | Constraint
  | Index
  | View
  | Function
  | Trigger
  | EventTrigger
  | Policy
  | Rule
  | Publication
  | DefaultAcl
  | TextSearchParser
  | TextSearchTemplate
  | TextSearchDictionary
  | TextSearchConfiguration
  | Statistics
  | Conversion
  | Language;

/**
 * The object type of one kind: `ObjectOf<'table'>` is Table, `ObjectOf<'type'>` every Type, and
 * `ObjectOf<'view'>` a View (views and materialized views share one shape).
 */
export type ObjectOf<K extends Kind> = DbObject extends infer O ? (O extends { kind: infer OK } ? (K extends OK ? O : never) : never) : never;

export interface Snapshot {
  format: 'dbalign-snapshot-1';
  serverVersion: number;
  scope: Scope;
  /** Objects by key. */
  objects: Record<string, DbObject>;
  /** Objects in scope that are not modelled, and other things a user should know. */
  warnings: string[];
  /**
   * Extensions installed in schemas outside the scope (Supabase's `extensions`): not compared,
   * but what in-scope objects may rely on, so a database rebuilt from the snapshot needs them.
   */
  extensionsOutOfScope?: Array<{ name: string; schema: string }>;
}
