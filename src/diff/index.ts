/** Diff layer: typed changes between two snapshots, and the whole database-to-database pipeline. */
import type pg from 'pg';
import { readSnapshot } from '../catalog/read.js';
import type { Scope, Snapshot } from '../catalog/types.js';
import { planChanges } from '../plan/plan.js';
import { renderPlan } from '../plan/render.js';
import type { Plan, PlanOptions } from '../plan/types.js';
import { diffSnapshots } from './diff.js';

export { diffSnapshots } from './diff.js';
export type { Change, DiffOptions } from './changes.js';

export interface DatabaseDiff {
  plan: Plan;
  sql: string;
  warnings: string[];
  from: Snapshot;
  to: Snapshot;
}

/** Snapshots both databases, diffs them and plans the SQL that turns `from` into `to`. */
export async function diffDatabases(
  fromClient: pg.Client,
  toClient: pg.Client,
  scope: Scope,
  options: Omit<PlanOptions, 'withOwners'> = {},
): Promise<DatabaseDiff> {
  // Two connections: both servers (or one server's two backends) work at once.
  const [from, to] = await Promise.all([readSnapshot(fromClient, scope), readSnapshot(toClient, scope)]);
  const withOwners = scope.withOwners === true;
  const changes = diffSnapshots(from, to, { withOwners });
  const plan = planChanges(changes, from, to, { ...options, withOwners });
  return { plan, sql: renderPlan(plan), warnings: plan.warnings, from, to };
}
