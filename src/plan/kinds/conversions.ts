/** Encoding conversions. */
import { literal, qualified } from '../../catalog/keys.js';
import type { Conversion } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { NO_PRIVILEGES, s, type KindSpec } from './spec.js';

export const conversion: KindSpec<Conversion> = {
  order: 26,
  diff: DIFF_RULES.conversion,
  reference: (o) => ({ type: 'CONVERSION', name: qualified(o.schema, o.name) }),
  relationNamespace: false,
  ownable: true,
  ...NO_PRIVILEGES,
  create: (o) => [
    s(`CREATE ${o.default ? 'DEFAULT ' : ''}CONVERSION ${qualified(o.schema, o.name)} FOR ${literal(o.forEncoding)} TO ${literal(o.toEncoding)} FROM ${o.function};`),
  ],
  drop: (o) => s(`DROP CONVERSION ${qualified(o.schema, o.name)};`),
  // Every structural change rebuilds it.
  alter: () => [],
};
