/** Typed changes between two snapshots: what differs, never how to do it (that is the plan's job). */
import type { DbObject, Kind, Snapshot } from '../catalog/types.js';

export type Change =
  | { op: 'create'; kind: Kind; key: string; after: DbObject }
  | { op: 'drop'; kind: Kind; key: string; before: DbObject }
  | { op: 'alter'; kind: Kind; key: string; before: DbObject; after: DbObject }
  /** Dropped and created again: it cannot change in place, or something it needs is rebuilt. */
  | { op: 'recreate'; kind: Kind; key: string; before: DbObject; after: DbObject; reason: string };

export interface DiffOptions {
  /** Compare and set owners (both snapshots must have been read withOwners). */
  withOwners?: boolean;
}

export type { Snapshot };
