/** Extended statistics objects. */
import { qualified } from '../../catalog/keys.js';
import type { Statistics } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { NO_PRIVILEGES, s, type KindSpec, type Stmt } from './spec.js';

/** -1 is the default on every version (17 also takes DEFAULT, 15 does not). */
const setTarget = (o: Statistics): Stmt => s(`ALTER STATISTICS ${qualified(o.schema, o.name)} SET STATISTICS ${o.target ?? -1};`);

export const statistics: KindSpec<Statistics> = {
  order: 25,
  diff: DIFF_RULES.statistics,
  reference: (o) => ({ type: 'STATISTICS', name: qualified(o.schema, o.name) }),
  relationNamespace: false,
  ownable: true,
  ...NO_PRIVILEGES,
  create: (o) => [s(o.definition.trim().replace(/;?$/, ';')), ...(o.target === null ? [] : [setTarget(o)])],
  // Only what ANALYZE gathered for it goes, and the next ANALYZE gathers it again.
  drop: (o) => s(`DROP STATISTICS ${qualified(o.schema, o.name)};`),
  alter: (b, a) => (b.target !== a.target ? [setTarget(a)] : []),
};
