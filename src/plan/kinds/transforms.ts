/** Transforms. */
import { ident } from '../../catalog/keys.js';
import type { Transform } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { NO_PRIVILEGES, s, type KindSpec } from './spec.js';

const forWhat = (t: Transform) => `FOR ${t.type} LANGUAGE ${ident(t.language)}`;

/** CREATE OR REPLACE keeps it (and what its language compiled with it) while its functions change. */
function transformSql(t: Transform, replace: boolean): string {
  const parts: string[] = [];
  if (t.fromSql) parts.push(`FROM SQL WITH FUNCTION ${t.fromSql}`);
  if (t.toSql) parts.push(`TO SQL WITH FUNCTION ${t.toSql}`);
  return `CREATE ${replace ? 'OR REPLACE ' : ''}TRANSFORM ${forWhat(t)} (${parts.join(', ')});`;
}

export const transform: KindSpec<Transform> = {
  order: 33,
  diff: DIFF_RULES.transform,
  reference: (o) => ({ type: 'TRANSFORM', name: forWhat(o) }),
  relationNamespace: false,
  // It belongs to whoever owns its type: no owner or privileges of its own.
  ownable: false,
  ...NO_PRIVILEGES,
  create: (o) => [s(transformSql(o, false))],
  drop: (o) => s(`DROP TRANSFORM ${forWhat(o)};`),
  alter: (b, a) => (b.fromSql !== a.fromSql || b.toSql !== a.toSql ? [s(transformSql(a, true))] : []),
};
