/** Default privileges (ALTER DEFAULT PRIVILEGES): all of their SQL is privileges, from acl.ts. */
import type { DefaultAcl } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { defaultAclStatements } from '../acl.js';
import { NO_PRIVILEGES, s, type KindSpec } from './spec.js';

export const defaultAcl: KindSpec<DefaultAcl> = {
  order: 17,
  diff: DIFF_RULES.default_acl,
  reference: () => null,
  relationNamespace: false,
  ownable: false,
  ...NO_PRIVILEGES,
  create: (o) => defaultAclStatements(null, o).map((x) => s(x)),
  drop: (o) => s(defaultAclStatements(o, null).join('\n')),
  alter: (b, after) => defaultAclStatements(b, after).map((x) => s(x)),
};
