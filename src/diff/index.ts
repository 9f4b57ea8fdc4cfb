/** Diff layer: typed changes between two snapshots (the plan layer turns them into SQL). */
export { diffSnapshots } from './diff.js';
export type { Change, DiffOptions } from './changes.js';
