/** Per-kind rules: are two versions of an object equal, and can one become the other in place? */
import type { Column, DbObject, Table, View } from '../catalog/types.js';

/** Stable JSON: key order cannot make equal objects differ. */
export function stable(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(stable).join(',') + ']';
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => JSON.stringify(k) + ':' + stable((value as Record<string, unknown>)[k]));
    return '{' + entries.join(',') + '}';
  }
  return JSON.stringify(value ?? null);
}

/** Deep equality of JSON-like values; key order does not matter and undefined counts as absent. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  return equalFields(a as Record<string, unknown>, b as Record<string, unknown>, NO_SKIP);
}

const NO_SKIP: ReadonlySet<string> = new Set();

function equalFields(a: Record<string, unknown>, b: Record<string, unknown>, skip: ReadonlySet<string>): boolean {
  let count = 0;
  for (const k in a) {
    const v = a[k];
    if (v === undefined || skip.has(k)) continue;
    count++;
    if (!equal(v, b[k])) return false;
  }
  for (const k in b) if (b[k] !== undefined && !skip.has(k)) count--;
  return count === 0;
}

/** Deps are derived, owners only count when asked for, an extension's update targets never. */
const IGNORED = new Set(['deps', 'owner', 'updatableTo']);
const IGNORED_BUT_OWNER = new Set(['deps', 'updatableTo']);

/** A stand-in extension on either side: only its name, schema (and owner) count. */
const IGNORED_STANDIN = new Set([...IGNORED, 'version', 'comment', 'standin']);
const IGNORED_STANDIN_BUT_OWNER = new Set([...IGNORED_BUT_OWNER, 'version', 'comment', 'standin']);

function standinPair(a: DbObject, b: DbObject): boolean {
  return a.kind === 'extension' && b.kind === 'extension' && Boolean(a.standin || b.standin);
}

/** Are two versions of an object the same, as far as a migration is concerned? */
export function same(a: DbObject, b: DbObject, withOwners: boolean): boolean {
  if (standinPair(a, b)) return equalFields(a as never, b as never, withOwners ? IGNORED_STANDIN_BUT_OWNER : IGNORED_STANDIN);
  return equalFields(a as never, b as never, withOwners ? IGNORED_BUT_OWNER : IGNORED);
}

/** Differences that only touch comments, grants and owners never need a rebuild. */
function structural(obj: DbObject): unknown {
  const { deps: _d, owner: _o, comment: _c, ...rest } = obj as DbObject & { grants?: unknown };
  delete (rest as { grants?: unknown }).grants;
  delete (rest as { updatableTo?: unknown }).updatableTo;
  if (obj.kind === 'table' || obj.kind === 'view' || obj.kind === 'matview') {
    (rest as { columns: unknown }).columns = (obj.columns as Array<Column | View['columns'][number]>).map(
      ({ comment: _cc, grants: _g, ...c }) => c,
    );
  }
  if (obj.kind === 'type' && obj.type === 'composite') {
    (rest as { attributes: unknown }).attributes = obj.attributes.map(({ comment: _cc, ...a }) => a);
  }
  return rest;
}

function isSubsequence(small: string[], big: string[]): boolean {
  let i = 0;
  for (const x of big) if (i < small.length && small[i] === x) i++;
  return i === small.length;
}

/**
 * Why `before` cannot be altered into `after` in place (so it must be dropped
 * and created again), or null when it can.
 */
export function rebuildReason(before: DbObject, after: DbObject): string | null {
  if (stable(structural(before)) === stable(structural(after))) return null;
  switch (before.kind) {
    case 'extension': {
      const a = after as typeof before;
      if (standinPair(before, after)) return null;
      return a.version === before.version || before.updatableTo.includes(a.version) ? null : `no update path from version ${before.version} to ${a.version}`;
    }
    case 'schema':
    case 'sequence':
    case 'default_acl':
      return null;
    case 'table': {
      const a = after as Table;
      if (before.managed || a.managed) return null;
      if (before.partitioned !== a.partitioned) return a.partitioned ? 'becomes partitioned' : 'stops being partitioned';
      if (before.partitionKey !== a.partitionKey) return 'partition key changes';
      return null;
    }
    case 'constraint': {
      const a = after as typeof before;
      if (before.type !== a.type || stripNotValid(before.definition) !== stripNotValid(a.definition)) return 'definition changes';
      if (before.validated && !a.validated) return 'becomes NOT VALID';
      return null;
    }
    case 'type': {
      const a = after as typeof before;
      if (before.type !== a.type) return 'changes kind';
      if (before.type === 'enum' && a.type === 'enum')
        return isSubsequence(before.labels, a.labels) ? null : 'enum values removed or reordered';
      if (before.type === 'domain' && a.type === 'domain')
        return before.base !== a.base || before.collation !== a.collation ? 'base type changes' : null;
      if (before.type === 'composite') return null;
      return 'definition changes';
    }
    case 'view': {
      const a = after as View;
      const cols = (v: View) => v.columns.map((c) => `${c.name}\u0000${c.type}`);
      const old = cols(before);
      const now = cols(a);
      return old.every((c, i) => now[i] === c) ? null : 'columns change';
    }
    case 'function': {
      const a = after as typeof before;
      if (before.prokind === 'a') return 'aggregate changes';
      if (before.prokind !== a.prokind) return 'kind changes';
      if (before.result !== a.result) return 'return type changes';
      if (before.arguments !== a.arguments) return 'argument names or defaults change';
      return null;
    }
    case 'index': {
      // Attaching and detaching follow the tables; only the definition needs a rebuild.
      const a = after as typeof before;
      return before.definition.replace(' ON ONLY ', ' ON ') !== a.definition.replace(' ON ONLY ', ' ON ') ? 'definition changes' : null;
    }
    case 'trigger': {
      const a = after as typeof before;
      return before.definition !== a.definition ? 'definition changes' : null;
    }
    case 'event_trigger': {
      const { enabled: _x, ...b } = structural(before) as { enabled: string };
      const { enabled: _y, ...c } = structural(after) as { enabled: string };
      return stable(b) === stable(c) ? null : 'definition changes';
    }
    case 'policy': {
      const a = after as typeof before;
      if (before.permissive !== a.permissive || before.command !== a.command) return 'command or permissiveness changes';
      if ((before.using !== null && a.using === null) || (before.check !== null && a.check === null)) return 'expression removed';
      return null;
    }
    case 'rule': {
      const a = after as typeof before;
      return before.definition !== a.definition ? 'definition changes' : null;
    }
    case 'publication': {
      // Its tables, schemas and options change in place (subscribers keep it); FOR ALL TABLES cannot.
      const a = after as typeof before;
      return before.allTables !== a.allTables ? 'FOR ALL TABLES changes' : null;
    }
    default:
      return 'definition changes';
  }
}

export function stripNotValid(def: string): string {
  return def.replace(/ NOT VALID$/, '');
}
