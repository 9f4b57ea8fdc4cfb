/** Are two versions of an object equal, and which of their fields count (per-kind rules: kinds.ts)? */
import type { Column, DbObject, View } from '../catalog/types.js';

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

/** Deps are derived, owners only count when asked for, an extension's update targets and relocatability never. */
const IGNORED = new Set(['deps', 'owner', 'updatableTo', 'relocatable']);
const IGNORED_BUT_OWNER = new Set(['deps', 'updatableTo', 'relocatable']);

/** A stand-in extension on either side: only its name, schema (and owner) count. */
const IGNORED_STANDIN = new Set([...IGNORED, 'version', 'comment', 'standin', 'memberGrants']);
const IGNORED_STANDIN_BUT_OWNER = new Set([...IGNORED_BUT_OWNER, 'version', 'comment', 'standin', 'memberGrants']);

export function standinPair(a: DbObject, b: DbObject): boolean {
  return a.kind === 'extension' && b.kind === 'extension' && Boolean(a.standin || b.standin);
}

/** Are two versions of an object the same, as far as a migration is concerned? */
export function same(a: DbObject, b: DbObject, withOwners: boolean): boolean {
  if (standinPair(a, b)) return equalFields(a as never, b as never, withOwners ? IGNORED_STANDIN_BUT_OWNER : IGNORED_STANDIN);
  return equalFields(a as never, b as never, withOwners ? IGNORED_BUT_OWNER : IGNORED);
}

/** Differences that only touch comments, security labels, grants and owners never need a rebuild. */
export function structural(obj: DbObject): unknown {
  const { deps: _d, owner: _o, comment: _c, securityLabels: _l, ...rest } = obj as DbObject & { grants?: unknown };
  delete (rest as { grants?: unknown }).grants;
  delete (rest as { updatableTo?: unknown }).updatableTo;
  delete (rest as { relocatable?: unknown }).relocatable;
  delete (rest as { memberGrants?: unknown }).memberGrants;
  if (obj.kind === 'table' || obj.kind === 'view' || obj.kind === 'matview') {
    (rest as { columns: unknown }).columns = (obj.columns as Array<Column | View['columns'][number]>).map(
      ({ comment: _cc, grants: _g, securityLabels: _cl, ...c }) => c,
    );
  }
  if (obj.kind === 'type' && obj.type === 'composite') {
    (rest as { attributes: unknown }).attributes = obj.attributes.map(({ comment: _cc, ...a }) => a);
  }
  return rest;
}

export function stripNotValid(def: string): string {
  return def.replace(/ NOT VALID$/, '');
}
