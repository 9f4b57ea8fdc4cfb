/** Topological order of plan nodes (Kahn's algorithm over a binary heap, so ties break deterministically). */

export interface Node {
  id: string;
  /** Tie-break among nodes that are ready together. */
  rank: string;
}

/**
 * Soft edges are kept only where they close no cycle: those between nodes left in a cycle are
 * dropped and the sort runs again, so an order they cannot have falls back to the hard edges'.
 */
export function topoSort(nodes: Node[], edges: Array<[string, string]>, soft: Array<[string, string]> = []): { order: Node[]; cyclic: Node[] } {
  let kept = soft;
  for (;;) {
    const sorted = kahn(nodes, kept.length ? [...edges, ...kept] : edges);
    if (!sorted.cyclic.length || !kept.length) return sorted;
    const stuck = new Set(sorted.cyclic.map((n) => n.id));
    const left = kept.filter(([a, b]) => !(stuck.has(a) && stuck.has(b)));
    kept = left.length === kept.length ? [] : left;
  }
}

function kahn(nodes: Node[], edges: Array<[string, string]>): { order: Node[]; cyclic: Node[] } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, string[]>();
  const indegree = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  const seen = new Set<string>();
  for (const [a, b] of edges) {
    if (a === b || !byId.has(a) || !byId.has(b)) continue;
    const k = a + '\u0001' + b;
    if (seen.has(k)) continue;
    seen.add(k);
    const list = out.get(a);
    if (list) list.push(b);
    else out.set(a, [b]);
    indegree.set(b, indegree.get(b)! + 1);
  }
  const heap = new Heap<Node>((x, y) => (x.rank < y.rank ? -1 : x.rank > y.rank ? 1 : 0));
  for (const n of nodes) if (indegree.get(n.id) === 0) heap.push(n);
  const order: Node[] = [];
  while (heap.size) {
    const n = heap.pop()!;
    order.push(n);
    for (const m of out.get(n.id) ?? []) {
      const d = indegree.get(m)! - 1;
      indegree.set(m, d);
      if (d === 0) heap.push(byId.get(m)!);
    }
  }
  const cyclic = nodes.filter((n) => indegree.get(n.id)! > 0).sort((x, y) => (x.rank < y.rank ? -1 : 1));
  return { order, cyclic };
}

class Heap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}
  get size(): number {
    return this.items.length;
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(a[i]!, a[p]!) >= 0) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
