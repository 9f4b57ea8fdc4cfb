/** Catalog layer: a database's schema as a JSON-serializable Snapshot. */
export { readSnapshot, readSnapshotInTransaction } from './read.js';
export { ident, qualified, literal, keyOf } from './keys.js';
export type * from './types.js';
