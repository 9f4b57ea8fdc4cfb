/** The whole database-to-database pipeline: read both, diff, plan. Above diff/, so diff/ never needs plan/. */
import type pg from 'pg';
import { readSnapshot } from '../catalog/read.js';
import type { Scope, Snapshot } from '../catalog/types.js';
import { diffSnapshots } from '../diff/diff.js';
import { planChanges } from './plan.js';
import { renderPlan } from './render.js';
import type { Plan, PlanOptions } from './types.js';

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
