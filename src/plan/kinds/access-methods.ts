/** Access methods. */
import { ident } from '../../catalog/keys.js';
import type { AccessMethod } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { NO_PRIVILEGES, s, type KindSpec } from './spec.js';

const TYPE_WORDS: Record<AccessMethod['type'], string> = { t: 'TABLE', i: 'INDEX' };

export const accessMethod: KindSpec<AccessMethod> = {
  order: 32,
  diff: DIFF_RULES.access_method,
  reference: (o) => ({ type: 'ACCESS METHOD', name: ident(o.name) }),
  relationNamespace: false,
  // No owner and no privileges: only a superuser makes one.
  ownable: false,
  ...NO_PRIVILEGES,
  create: (o) => [s(`CREATE ACCESS METHOD ${ident(o.name)} TYPE ${TYPE_WORDS[o.type]} HANDLER ${o.handler};`)],
  // Tables, operator families and classes that use it depend on it: the diff handles them around it.
  drop: (o) => s(`DROP ACCESS METHOD ${ident(o.name)};`),
  alter: () => [],
};
