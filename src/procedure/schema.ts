/**
 * Schema comparison for the procedure: snapshots of two databases, the
 * changes between them and the ordered plan with its hazards, plus the
 * inventory of objects that differ (what a report lists).
 */
import type { Client } from '../db/connection.js';
import { readSnapshot, type Scope, type Snapshot } from '../catalog/index.js';
import { diffSnapshots } from '../diff/diff.js';
import { planChanges, renderPlan } from '../plan/index.js';
import type { Plan } from '../plan/types.js';
import type { Profile } from './reset.js';

/** dbalign's own bookkeeping never counts as schema. */
const ALWAYS_EXCLUDED = ['supabase_migrations', 'dbalign'];

export function scopeFor(profile: Profile, options: { include?: string[]; exclude?: string[]; withOwners?: boolean } = {}): Scope {
  const scope: Scope = { profile, excludeSchemas: [...ALWAYS_EXCLUDED, ...(options.exclude ?? [])] };
  if (options.include?.length) scope.includeSchemas = options.include;
  if (options.withOwners) scope.withOwners = true;
  return scope;
}

export function emptySnapshot(like: Snapshot): Snapshot {
  return { format: like.format, serverVersion: like.serverVersion, scope: like.scope, objects: {}, warnings: [] };
}

export interface SchemaDifference {
  plan: Plan;
  /** The migration SQL, empty when the schemas are equal. */
  sql: string;
  /** One entry per object that differs: what it is and what happens to it. */
  objects: Array<{ key: string; kind: string; op: 'create' | 'drop' | 'alter' }>;
  warnings: string[];
}

export function compareSnapshots(from: Snapshot, to: Snapshot, options: { safe?: boolean; withOwners?: boolean } = {}): SchemaDifference {
  const changes = diffSnapshots(from, to, { withOwners: options.withOwners });
  const plan = planChanges(changes, from, to, options);
  const seen = new Map<string, { key: string; kind: string; op: 'create' | 'drop' | 'alter' }>();
  for (const step of plan.steps) {
    const prior = seen.get(step.key);
    // A drop followed by a create of the same object is a change of it.
    if (prior && prior.op !== step.op) prior.op = 'alter';
    else if (!prior) seen.set(step.key, { key: step.key, kind: step.kind, op: step.op });
  }
  const warnings = [...new Set([...from.warnings, ...to.warnings, ...plan.warnings])];
  return { plan, sql: plan.steps.length ? renderPlan(plan) : '', objects: [...seen.values()], warnings };
}

export async function compareDatabases(
  from: Client,
  to: Client,
  scope: Scope,
  options: { safe?: boolean } = {},
): Promise<SchemaDifference & { fromSnapshot: Snapshot; toSnapshot: Snapshot }> {
  const [fromSnapshot, toSnapshot] = await Promise.all([readSnapshot(from, scope), readSnapshot(to, scope)]);
  return { ...compareSnapshots(fromSnapshot, toSnapshot, { ...options, withOwners: scope.withOwners }), fromSnapshot, toSnapshot };
}

/** The SQL that creates everything in a snapshot (backups, `pull` of a new project). */
export function schemaSql(snapshot: Snapshot): string {
  return compareSnapshots(emptySnapshot(snapshot), snapshot, { withOwners: snapshot.scope.withOwners }).sql;
}
