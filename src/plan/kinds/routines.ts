/** Functions, procedures and aggregates. */
import { qualified } from '../../catalog/keys.js';
import type { Function } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { s, type KindSpec } from './spec.js';

function routineType(f: Function): string {
  return f.prokind === 'p' ? 'PROCEDURE' : f.prokind === 'a' ? 'AGGREGATE' : 'FUNCTION';
}

/** pg_get_functiondef() (or the built CREATE AGGREGATE) as one statement. */
function definitionSql(f: Function): string {
  return f.definition.trim().replace(/;?$/, ';');
}

export const routine: KindSpec<Function> = {
  order: 4,
  diff: DIFF_RULES.function,
  reference: (o) => ({ type: routineType(o), name: `${qualified(o.schema, o.name)}(${o.identityArgs})` }),
  relationNamespace: false,
  ownable: true,
  grantTarget: (o) => `${o.prokind === 'p' ? 'PROCEDURE' : 'FUNCTION'} ${qualified(o.schema, o.name)}(${o.identityArgs})`,
  defaultPrivileges: 'FUNCTIONS',
  builtinGrants: [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }],
  create: (o) => [s(definitionSql(o))],
  drop: (o) => s(`DROP ${routineType(o)} ${qualified(o.schema, o.name)}(${o.identityArgs});`),
  alter: (b, after) => (b.definition !== after.definition ? [s(definitionSql(after))] : []),
};
