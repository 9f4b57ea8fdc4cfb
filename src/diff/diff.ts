/** diffSnapshots: pure comparison of two snapshots into typed changes. */
import type { DbObject, Snapshot, Table } from '../catalog/types.js';
import { altered, created, dropped, recreated, type Change, type DiffOptions } from './changes.js';
import { same } from './compare.js';
import { diffRuleOf, isRebuildable, rebuildReason } from './kinds.js';

export function diffSnapshots(from: Snapshot, to: Snapshot, options: DiffOptions = {}): Change[] {
  const withOwners = options.withOwners === true;
  const changes = new Map<string, Change>();

  for (const key in from.objects) {
    const before = from.objects[key]!;
    const after = to.objects[key];
    if (!after) {
      changes.set(key, dropped(key, before));
      continue;
    }
    if (after.kind !== before.kind) {
      changes.set(key, recreated(key, before, after, 'changes kind'));
      continue;
    }
    if (same(before, after, withOwners)) continue;
    const reason = rebuildReason(before, after);
    changes.set(key, reason ? recreated(key, before, after, reason) : altered(key, before, after));
  }
  for (const key in to.objects) {
    if (!from.objects[key]) changes.set(key, created(key, to.objects[key]!));
  }

  cascade(from, to, changes);
  return [...changes.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Objects that use something being rebuilt (or a column whose type changes or
 * which goes away) are dropped and created again around it.
 */
function cascade(from: Snapshot, to: Snapshot, changes: Map<string, Change>): void {
  const queue: Array<{ key: string; all: boolean }> = [];
  for (const c of changes.values()) {
    if (c.op === 'recreate' || c.op === 'drop') queue.push({ key: c.key, all: true });
    else if (c.op === 'alter' && c.kind === 'table' && columnsBreakDependents(c.before, c.after))
      queue.push({ key: c.key, all: false });
  }
  if (!queue.length) return;
  const dependents = new Map<string, string[]>();
  for (const obj of Object.values(from.objects)) {
    for (const d of obj.deps) {
      const list = dependents.get(d);
      if (list) list.push(obj.key);
      else dependents.set(d, [obj.key]);
    }
  }
  // Who names each object as a link partner, on either side (operators: commutator, negator).
  const linkedBy = new Map<string, string[]>();
  const linksOf = (o: DbObject | undefined): string[] => (o ? (diffRuleOf(o).links?.(o) ?? []) : []);
  for (const snap of [from, to])
    for (const obj of Object.values(snap.objects))
      for (const l of linksOf(obj)) {
        const list = linkedBy.get(l);
        if (!list) linkedBy.set(l, [obj.key]);
        else if (!list.includes(obj.key)) list.push(obj.key);
      }
  while (queue.length) {
    const { key, all } = queue.pop()!;
    // Dropping an operator clears the links its partners hold to it only where it links back, and
    // creating it sets them only where they are unset: a partner is right afterwards only when the
    // link is mutual on both sides.
    if (all)
      for (const dep of linkedBy.get(key) ?? []) {
        const before = from.objects[dep];
        const after = to.objects[dep];
        if (!before || !after || after.kind !== before.kind || dep === key) continue;
        const mutual = linksOf(from.objects[key]).includes(dep) && linksOf(to.objects[key]).includes(dep) && linksOf(before).includes(key) && linksOf(after).includes(key);
        const existing = changes.get(dep);
        if (mutual || (existing && existing.op !== 'alter')) continue;
        changes.set(dep, recreated(dep, before, after, `links to ${key}, which is created again`));
        queue.push({ key: dep, all: true });
      }
    for (const dep of dependents.get(key) ?? []) {
      const before = from.objects[dep]!;
      const after = to.objects[dep];
      if (!after || after.kind !== before.kind) continue;
      // A partition goes with its partitioned table: created again with it.
      if (before.kind === 'table' && after.kind === 'table' && all && before.partitionOf === key && after.partitionOf === key) {
        const existing = changes.get(dep);
        if (existing && existing.op !== 'alter') continue;
        changes.set(dep, { op: 'recreate', kind: 'table', key: dep, before, after, reason: `partition of ${key}, which is created again` });
        queue.push({ key: dep, all: true });
        continue;
      }
      // A table keeps its rows: the plan takes column defaults and generated columns that call a
      // function off it while the function is rebuilt (it looks for them in the alter).
      if (before.kind === 'table' && after.kind === 'table' && all && from.objects[key]?.kind === 'function') {
        if (!changes.has(dep)) changes.set(dep, { op: 'alter', kind: 'table', key: dep, before, after });
        // a generated column is dropped and added again: what would block that goes around it
        if (before.columns.some((c) => c.generated !== '')) queue.push({ key: dep, all: false });
        continue;
      }
      // A domain keeps its columns: the plan drops the default and CHECKs that call a function
      // off it while the function is rebuilt, and adds them back (it looks for them in the alter).
      if (before.kind === 'type' && after.kind === 'type' && before.type === 'domain' && after.type === 'domain' && all && from.objects[key]?.kind === 'function') {
        if (!changes.has(dep)) changes.set(dep, altered(dep, before, after));
        continue;
      }
      // An operator family goes with its access method (DROP ACCESS METHOD takes it): created again with it.
      if (before.kind === 'operator_family' && all && from.objects[key]?.kind === 'access_method') {
        const existing = changes.get(dep);
        if (existing && existing.op !== 'alter') continue;
        changes.set(dep, recreated(dep, before, after, `uses ${key}, which is created again`));
        queue.push({ key: dep, all: true });
        continue;
      }
      const rule = diffRuleOf(before);
      if (!isRebuildable(rule, before)) continue;
      if (!all && !rule.blocksColumnChange(before)) continue;
      const existing = changes.get(dep);
      if (existing && existing.op !== 'alter') continue;
      changes.set(dep, recreated(dep, before, after, `uses ${key}, which changes`));
      queue.push({ key: dep, all: true });
    }
  }
}

function columnsBreakDependents(before: Table, after: Table): boolean {
  const now = new Map(after.columns.map((c) => [c.name, c]));
  for (const c of before.columns) {
    const n = now.get(c.name);
    if (!n || n.type !== c.type || n.collation !== c.collation || n.generated !== c.generated) return true;
    // a new generation expression means dropping the column and adding it again
    if (c.generated !== '' && n.default !== c.default) return true;
  }
  return false;
}
