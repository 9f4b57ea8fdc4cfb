/**
 * The contract every kind of object fills for the plan (KindSpec), and what they share: the
 * statement and hazard builders and the context a plan's SQL is written in.
 */
import type { DbObject, DefaultAcl, DefaultPrivilegeType, Enabled, Grant, Kind, ObjectOf, Snapshot } from '../../catalog/types.js';
import { ident } from '../../catalog/keys.js';
import type { DiffRule } from '../../diff/kinds.js';
import type { Hazard } from '../types.js';

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

export const s = (sql: string, ...hazards: Hazard[]): Stmt => ({ sql, hazards });

/** The privilege fields of a kind PostgreSQL has no GRANT for. */
export const NO_PRIVILEGES = { grantTarget: null, defaultPrivileges: null, builtinGrants: [] as Grant[] } as const;
export const h = (type: Hazard['type'], detail: string): Hazard => ({ type, detail });

/** The qualified name inside a table key ("table "s"."t"" → "s"."t"). */
export function tableName(key: string): string {
  return key.slice(key.indexOf(' ') + 1);
}

/** How format_type() may spell a type as a column's type (always qualified: snapshots read with an empty search_path). */
export function typeNames(t: { schema: string; name: string }): Set<string> {
  const forms = (x: string) => [x, ident(x)];
  const out = new Set<string>();
  for (const s of forms(t.schema)) for (const n of forms(t.name)) out.add(`${s}.${n}`);
  return out;
}

/** Keys of the functions among `deps` that this plan drops or creates anew. */
export function rebuiltFunctionKeys(deps: string[], ctx: SqlContext): string[] {
  return deps.filter((d) => ctx.from.objects[d]?.kind === 'function' && (ctx.created.has(d) || !ctx.to.objects[d]));
}

/** Their names. */
export function rebuiltFunctions(deps: string[], ctx: SqlContext): string[] {
  return rebuiltFunctionKeys(deps, ctx).map((d) => (ctx.from.objects[d] as { name: string }).name);
}

/** Does an expression deparsed by PostgreSQL call one of these functions (bare or quoted name)? */
export function callsAny(expr: string, names: string[]): boolean {
  return names.some((n) => expr.includes(`${n}(`) || expr.includes(`${ident(n)}(`));
}

/** ENABLE / DISABLE words of tgenabled, ev_enabled and evtenabled codes. */
export const ENABLE_WORDS: Record<Enabled, string> = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

/** How COMMENT ON and ALTER … OWNER TO name an object. */
export interface Reference {
  type: string;
  name: string;
}

export type { DefaultPrivilegeType };

/** Everything the plan knows about one kind of object. */
export interface KindSpec<O extends DbObject> {
  /** Tie-break among steps ready together: creates in ascending order, drops in descending. */
  order: number;
  /** How the diff compares two of them and when it rebuilds one. */
  diff: DiffRule<O>;
  /** How COMMENT ON / ALTER … OWNER TO name it; null when it has no name of its own there. */
  reference(obj: O): Reference | null;
  /** Its name is taken from pg_class's or pg_type's namespace, which relations and types share. */
  relationNamespace: boolean;
  /** ALTER … OWNER TO applies (with --with-owners). */
  ownable: boolean;
  /** The object GRANT and REVOKE name, or null when PostgreSQL has no privileges on it. */
  grantTarget: ((obj: O) => string) | null;
  /** ALTER DEFAULT PRIVILEGES type that applies to a new one, or null. */
  defaultPrivileges: DefaultPrivilegeType | null;
  /** Privileges PostgreSQL gives PUBLIC on a new one. */
  builtinGrants: Grant[];
  create(obj: O, ctx: SqlContext): Stmt[];
  /** Its DROP (`ctx.created` holds it when it is created again right after). */
  drop(obj: O, ctx: SqlContext): Stmt;
  /** In-place changes of the object itself (its comment, grants and owner come after, from acl.ts). */
  alter(before: O, after: O, ctx: SqlContext): Stmt[];
  /**
   * Keys of objects it depends on whose in-place change must come after its own (it stops using
   * a part of them, a column, that their change removes); by default a dependency changes first.
   */
  precedes?(before: O, after: O, ctx: SqlContext): string[];
  /** Keys of objects to be created whose name its pre step frees (an identity column's sequence). */
  frees?(before: O, after: O, ctx: SqlContext): string[];
  /** Keys of objects being dropped whose name its in-place change takes: they are dropped first. */
  takes?(before: O, after: O, ctx: SqlContext): string[];
  /**
   * In-place changes made before the objects it uses are dropped: it lets go of a function that
   * is dropped or created anew (a column default, a domain's CHECK), and `alter` takes it back.
   */
  pre?(before: O, after: O, ctx: SqlContext): Stmt[];
  /**
   * What reserves its name before the objects it needs are created, where they need it too (a
   * base type's shell, before its input and output functions); empty when nothing does.
   */
  placeholder?(obj: O): Stmt[];
  /** Keys of the objects in `snap` that are created after its placeholder and before it. */
  placeheld?(obj: O, snap: Snapshot): string[];
  /** Keys of the objects `pre` lets go of: its in-place change no longer waits for their drop. */
  releases?(before: O, ctx: SqlContext): string[];
  /**
   * Keys of objects it names where PostgreSQL records no dependency (a routine's string body):
   * created or changed before it when the recorded dependencies allow, so that what runs it at
   * once (a populated materialized view, a CHECK over existing rows) finds them.
   */
  uses?(obj: O, ctx: SqlContext): string[];
  /** Comments and privileges of its parts (columns, attributes, constraints), after its own. */
  partMeta?(before: O | null, after: O, ctx: SqlContext): string[];
}

/** One spec per kind: the compiler names a kind that has none. */
export type KindSpecs = { [K in Kind]: KindSpec<ObjectOf<K>> };
