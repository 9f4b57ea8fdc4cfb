/** Typed changes between two snapshots: what differs, never how to do it (that is the plan's job). */
import type { DbObject, Kind, ObjectOf, Snapshot } from '../catalog/types.js';

/** The changes of one kind: `before` and `after` are that kind's objects. */
export type ChangeOf<K extends Kind> =
  | { op: 'create'; kind: K; key: string; after: ObjectOf<K> }
  | { op: 'drop'; kind: K; key: string; before: ObjectOf<K> }
  | { op: 'alter'; kind: K; key: string; before: ObjectOf<K>; after: ObjectOf<K> }
  /** Dropped and created again: it cannot change in place, or something it needs is rebuilt. */
  | { op: 'recreate'; kind: K; key: string; before: ObjectOf<K>; after: ObjectOf<K>; reason: string };

/** A change of any kind; narrowing `kind` narrows `before` and `after` (kind 'table': Tables). */
export type Change = { [K in Kind]: ChangeOf<K> }[Kind];

/*
 * Constructors for objects whose kind is only known at run time: TypeScript cannot tie a
 * DbObject's kind to its type by itself, so the tie is made here, once. A key names its kind
 * ("table …", "view …"), so the two objects under one key always have the same kind.
 */
export const created = (key: string, after: DbObject): Change => ({ op: 'create', kind: after.kind, key, after }) as Change;
export const dropped = (key: string, before: DbObject): Change => ({ op: 'drop', kind: before.kind, key, before }) as Change;
export const altered = (key: string, before: DbObject, after: DbObject): Change => ({ op: 'alter', kind: after.kind, key, before, after }) as Change;
export const recreated = (key: string, before: DbObject, after: DbObject, reason: string): Change =>
  ({ op: 'recreate', kind: after.kind, key, before, after, reason }) as Change;

export interface DiffOptions {
  /** Compare and set owners (both snapshots must have been read withOwners). */
  withOwners?: boolean;
}

export type { Snapshot };
