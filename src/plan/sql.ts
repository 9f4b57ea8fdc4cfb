/**
 * The engine: an object's create, drop and in-place alter, then its comment, privileges and
 * owner, all dispatched through the registry of kinds (kinds/index.ts).
 */
import type { DbObject } from '../catalog/types.js';
import { metaStatements as aclStatements } from './acl.js';
import { specOf } from './kinds/index.js';
import { s, type SqlContext, type Stmt } from './kinds/spec.js';

export { sqlContext, type SqlContext, type Stmt } from './kinds/spec.js';
export { sequenceOwnedBy } from './kinds/sequences.js';

export function createStatements(obj: DbObject, ctx: SqlContext): Stmt[] {
  return specOf(obj).create(obj, ctx);
}

export function dropStatement(obj: DbObject, ctx: SqlContext): Stmt {
  return specOf(obj).drop(obj, ctx);
}

/** Comment, privileges and owner of an object, after it exists. */
export function metaStatements(before: DbObject | null, after: DbObject, ctx: SqlContext): string[] {
  return aclStatements(specOf(after), before, after, ctx);
}

/** What an in-place change does before the objects it uses are dropped. */
export function preStatements(before: DbObject, after: DbObject, ctx: SqlContext): Stmt[] {
  return specOf(after).pre?.(before, after, ctx) ?? [];
}

export function alterStatements(before: DbObject, after: DbObject, ctx: SqlContext): Stmt[] {
  const out = specOf(after).alter(before, after, ctx);
  out.push(...metaStatements(before, after, ctx).map((x) => s(x)));
  return out;
}
