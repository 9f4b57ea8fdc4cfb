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
  | 'foreign_data_wrapper'
  | 'server'
  | 'user_mapping'
  | 'subscription'
  | 'operator'
  | 'operator_family'
  | 'operator_class'
  | 'cast'
  | 'text_search_parser'
  | 'text_search_template'
  | 'text_search_dictionary'
  | 'text_search_configuration'
  | 'statistics'
  | 'conversion'
  | 'language'
  | 'access_method'
  | 'transform';

/** tgenabled, ev_enabled, evtenabled: O on (origin), D disabled, R replica only, A always. */
export type Enabled = 'O' | 'D' | 'R' | 'A';

/** The object types ALTER DEFAULT PRIVILEGES … ON names (pg_default_acl.defaclobjtype r, S, f, T, n). */
export type DefaultPrivilegeType = 'TABLES' | 'SEQUENCES' | 'FUNCTIONS' | 'TYPES' | 'SCHEMAS';

/** One privilege held by a role (or PUBLIC); the owner's own are implicit and left out. */
/**
 * The grantee of a privilege the object's owner has revoked from itself (an owner's own
 * privileges are otherwise implicit and not listed); no role can have an empty name.
 */
export const OWNER_LACKS = '';

export interface Grant {
  /** A role, PUBLIC, or OWNER_LACKS. */
  grantee: string;
  privilege: string;
  grantable: boolean;
}

/** SECURITY LABEL FOR provider … IS label. */
export interface SecurityLabel {
  provider: string;
  label: string;
}

interface Base {
  key: string;
  /** Keys of the objects this one needs to exist (from pg_depend and the catalogs). */
  deps: string[];
  comment: string | null;
  /** Only recorded with Scope.withOwners. */
  owner?: string;
  /** By provider; absent when there are none. */
  securityLabels?: SecurityLabel[];
}

export interface Schema extends Base {
  kind: 'schema';
  name: string;
  grants: Grant[];
}

/** A member routine's privileges where the user changed them from what the extension gave it. */
export interface ExtensionMemberGrants {
  /** How GRANT names it: `FUNCTION "s"."f"(text, text)` (or PROCEDURE). */
  member: string;
  /** What CREATE EXTENSION gave it (pg_init_privs). */
  initial: Grant[];
  grants: Grant[];
}

export interface Extension extends Base {
  kind: 'extension';
  name: string;
  schema: string;
  version: string;
  /** Versions ALTER EXTENSION UPDATE can reach from this one here (not compared). */
  updatableTo: string[];
  /** false when its control file says it cannot move (ALTER EXTENSION … SET SCHEMA fails; not compared). */
  relocatable?: false;
  /** Member routines whose privileges differ from their initial ones, by member; absent when none. */
  memberGrants?: ExtensionMemberGrants[];
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
  /** A foreign table's column options (attfdwoptions, "name=value", sorted); absent when none. */
  options?: string[];
  /** By provider; absent when there are none. */
  securityLabels?: SecurityLabel[];
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
  /** The tablespace it is in (a partitioned table's: where its new partitions go); absent for the database's default. */
  tablespace?: string;
  /** The index CLUSTER uses (ALTER TABLE … CLUSTER ON); absent when none is marked. */
  clusterOn?: string;
  columns: Column[];
  grants: Grant[];
  /**
   * A table in a platform-managed schema (Supabase auth/storage): only its
   * row-level security flags are compared, never its structure.
   */
  managed: boolean;
  /** A foreign table (relkind f): its server and options; absent for every other table. */
  foreign?: ForeignTable;
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
  /** The tablespace of that index, absent for the database's default (pg_get_constraintdef leaves it out). */
  indexTablespace?: string;
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
  /** Absent for the database's default (pg_get_indexdef leaves it out). */
  tablespace?: string;
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
  securityLabels?: SecurityLabel[];
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
  /** Matviews: the index CLUSTER uses (ALTER MATERIALIZED VIEW … CLUSTER ON); absent when none is marked. */
  clusterOn?: string;
  /** Matviews: the tablespace, absent for the database's default. */
  tablespace?: string;
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

/**
 * A base type (CREATE TYPE with INPUT and OUTPUT functions). Its functions are stored as
 * regproc writes them (qualified), null where unset; its deps hold the functions' keys.
 */
export interface BaseType extends Base {
  kind: 'type';
  type: 'base';
  schema: string;
  name: string;
  input: string;
  output: string;
  receive: string | null;
  send: string | null;
  typmodIn: string | null;
  typmodOut: string | null;
  analyze: string | null;
  subscript: string | null;
  /** typlen: bytes, or -1 (VARIABLE) or -2 (a C string). */
  internalLength: number;
  passedByValue: boolean;
  /** typalign: c, s, i or d. */
  alignment: 'c' | 's' | 'i' | 'd';
  /** typstorage: p, e, m or x. */
  storage: 'p' | 'e' | 'm' | 'x';
  category: string;
  preferred: boolean;
  default: string | null;
  /** format_type of typelem, for a fixed-length array-like type. */
  element: string | null;
  delimiter: string;
  collatable: boolean;
  grants: Grant[];
}

/** A shell type (`CREATE TYPE name;`): a name reserved for a base type whose functions come first. */
export interface ShellType extends Base {
  kind: 'type';
  type: 'shell';
  schema: string;
  name: string;
  grants: Grant[];
}

export type Type = EnumType | DomainType | CompositeType | RangeType | BaseType | ShellType;

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

/**
 * Options of wrappers, servers, user mappings, foreign tables and their columns: "name=value" as
 * PostgreSQL stores them, sorted. A secret's value (catalog/secrets.ts) is never read: it holds
 * SECRET_PLACEHOLDER instead.
 */
export type Options = string[];

export interface ForeignDataWrapper extends Base {
  kind: 'foreign_data_wrapper';
  name: string;
  /** Handler and validator functions (regproc text, qualified outside pg_catalog), or null. */
  handler: string | null;
  validator: string | null;
  options: Options;
  grants: Grant[];
}

export interface ForeignServer extends Base {
  kind: 'server';
  name: string;
  /** The wrapper's key. */
  wrapper: string;
  wrapperName: string;
  type: string | null;
  version: string | null;
  options: Options;
  grants: Grant[];
}

export interface UserMapping extends Base {
  kind: 'user_mapping';
  /** The role's name, or PUBLIC. */
  role: string;
  server: string;
  serverName: string;
  /** Null when this role may not read the mapping's options (pg_user_mappings hides them). */
  options: Options | null;
}

export interface ForeignTable {
  /** The server's key. */
  server: string;
  serverName: string;
  options: Options;
}

export interface Subscription extends Base {
  kind: 'subscription';
  name: string;
  /** The connection string with its password replaced by SECRET_PLACEHOLDER; null when this role cannot read it. */
  connection: string | null;
  publications: string[];
  /** subslotname: null for slot_name = NONE. */
  slotName: string | null;
  /** WITH options that differ from their defaults, as CREATE SUBSCRIPTION writes them ("binary = true"). */
  options: string[];
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

/** An access method made with CREATE ACCESS METHOD (not schema-qualified; no owner or privileges). */
export interface AccessMethod extends Base {
  kind: 'access_method';
  name: string;
  /** amtype: t table, i index. */
  type: 't' | 'i';
  /** The handler as regproc writes it. */
  handler: string;
}

/** A transform (CREATE TRANSFORM): how a language passes one type to and from SQL; no name or owner of its own. */
export interface Transform extends Base {
  kind: 'transform';
  /** format_type() of trftype. */
  type: string;
  language: string;
  /** regprocedure of trffromsql and trftosql, null when absent. */
  fromSql: string | null;
  toSql: string | null;
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
  | ForeignDataWrapper
  | ForeignServer
  | UserMapping
  | Subscription
  | Operator
  | OperatorFamily
  | OperatorClass
  | Cast
  | TextSearchParser
  | TextSearchTemplate
  | TextSearchDictionary
  | TextSearchConfiguration
  | Statistics
  | Conversion
  | Language
  | AccessMethod
  | Transform;

export interface Operator extends Base {
  kind: 'operator';
  schema: string;
  name: string;
  /** format_type() of oprleft; null for a prefix operator. */
  left: string | null;
  right: string;
  result: string;
  /** oprcode, qualified. */
  function: string;
  /** oprcom and oprnegate, qualified (schema.name): their argument types follow from this one's. */
  commutator: string | null;
  negator: string | null;
  /** oprrest and oprjoin (selectivity estimators), qualified. */
  restrict: string | null;
  join: string | null;
  hashes: boolean;
  merges: boolean;
  /**
   * Keys of the operators that name this one as commutator or negator while it does not name
   * them back: a link that goes one way, made only by creating them first.
   */
  namedBy: string[];
}

/** An operator in an operator class or family (pg_amop). */
export interface OperatorMember {
  strategy: number;
  /** The operator, qualified (schema.name), and its argument types (null left: prefix). */
  operator: string;
  left: string | null;
  right: string;
  /** amopsortfamily for an ordering operator (FOR ORDER BY), qualified; null for a search one. */
  orderFamily: string | null;
}

/** A support function in an operator class or family (pg_amproc). */
export interface SupportFunction {
  number: number;
  /** amproclefttype, amprocrighttype. */
  left: string;
  right: string;
  /** regprocedure: qualified name and argument types. */
  function: string;
}

export interface OperatorFamily extends Base {
  kind: 'operator_family';
  schema: string;
  name: string;
  method: string;
  /** Loose members (ALTER OPERATOR FAMILY … ADD), not those of its classes. */
  operators: OperatorMember[];
  functions: SupportFunction[];
}

export interface OperatorClass extends Base {
  kind: 'operator_class';
  schema: string;
  name: string;
  method: string;
  /** opcintype. */
  type: string;
  default: boolean;
  /** Its family, qualified (same access method). */
  family: string;
  /** opckeytype (STORAGE), null when it is the input type. */
  storage: string | null;
  operators: OperatorMember[];
  functions: SupportFunction[];
}

export interface Cast extends Base {
  kind: 'cast';
  /** format_type() of castsource and casttarget. */
  source: string;
  target: string;
  /** castmethod: f function, i inout, b binary-coercible (WITHOUT FUNCTION). */
  method: 'f' | 'i' | 'b';
  /** regprocedure of castfunc. */
  function: string | null;
  /** castcontext: e explicit only, a assignment, i implicit. */
  context: 'e' | 'a' | 'i';
}

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
