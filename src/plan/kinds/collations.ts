/** Collations. */
import { literal, qualified } from '../../catalog/keys.js';
import type { Collation } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { NO_PRIVILEGES, s, type KindSpec } from './spec.js';

function createCollation(c: Collation): string {
  const opts: string[] = [];
  const provider = c.provider === 'i' ? 'icu' : c.provider === 'b' ? 'builtin' : 'libc';
  opts.push(`PROVIDER = ${provider}`);
  if (c.provider === 'i' || c.provider === 'b') opts.push(`LOCALE = ${literal(c.locale ?? '')}`);
  else {
    opts.push(`LC_COLLATE = ${literal(c.collate ?? '')}`);
    opts.push(`LC_CTYPE = ${literal(c.ctype ?? '')}`);
  }
  if (!c.deterministic) opts.push('DETERMINISTIC = false');
  return `CREATE COLLATION ${qualified(c.schema, c.name)} (${opts.join(', ')});`;
}

export const collation: KindSpec<Collation> = {
  order: 2,
  diff: DIFF_RULES.collation,
  reference: (o) => ({ type: 'COLLATION', name: qualified(o.schema, o.name) }),
  relationNamespace: false,
  ownable: true,
  ...NO_PRIVILEGES,
  create: (o) => [s(createCollation(o))],
  drop: (o) => s(`DROP COLLATION ${qualified(o.schema, o.name)};`),
  // Every structural change rebuilds it.
  alter: () => [],
};
