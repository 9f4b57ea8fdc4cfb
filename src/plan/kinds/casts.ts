/** Casts. */
import type { Cast } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { NO_PRIVILEGES, s, type KindSpec } from './spec.js';

const CONTEXT: Record<Cast['context'], string> = { e: '', a: ' AS ASSIGNMENT', i: ' AS IMPLICIT' };

function castName(c: Cast): string {
  return `(${c.source} AS ${c.target})`;
}

function createCast(c: Cast): string {
  const how = c.method === 'i' ? 'WITH INOUT' : c.method === 'b' ? 'WITHOUT FUNCTION' : `WITH FUNCTION ${c.function}`;
  return `CREATE CAST ${castName(c)} ${how}${CONTEXT[c.context]};`;
}

export const cast: KindSpec<Cast> = {
  // Right after functions: a view that relies on a cast WITH INOUT or WITHOUT FUNCTION records no
  // dependency on it, so only this order puts the cast first.
  order: 5,
  diff: DIFF_RULES.cast,
  reference: (o) => ({ type: 'CAST', name: castName(o) }),
  relationNamespace: false,
  // A cast belongs to whoever owns its source or target type: it has no owner of its own.
  ownable: false,
  ...NO_PRIVILEGES,
  create: (o) => [s(createCast(o))],
  // Views that rely on it depend on it: the diff rebuilds them around it.
  drop: (o) => s(`DROP CAST ${castName(o)};`),
  // No ALTER CAST: every change rebuilds it.
  alter: () => [],
};
