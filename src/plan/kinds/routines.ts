/** Functions, procedures and aggregates. */
import { qualified } from '../../catalog/keys.js';
import type { Function } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { s, type KindSpec } from './spec.js';

function routineType(f: Function): string {
  return f.prokind === 'p' ? 'PROCEDURE' : f.prokind === 'a' ? 'AGGREGATE' : 'FUNCTION';
}

/**
 * How DROP, COMMENT ON and ALTER name it: an aggregate without arguments is `agg(*)`, and an
 * ordered-set aggregate keeps its `ORDER BY` (pg_get_function_identity_arguments writes it).
 */
function signature(f: Function): string {
  return `${qualified(f.schema, f.name)}(${f.prokind === 'a' && f.identityArgs === '' ? '*' : f.identityArgs})`;
}

/**
 * How GRANT names it: always as a function, by its plain argument list, so an ordered-set
 * aggregate's direct and aggregated arguments are one list (`ORDER BY` is not valid there); a
 * hypothetical-set aggregate's `VARIADIC "any" ORDER BY VARIADIC "any"` is one argument.
 */
function functionSignature(f: Function): string {
  let args = f.identityArgs;
  if (f.prokind === 'a' && args.includes(' ORDER BY ')) {
    const [direct, ordered] = args.split(' ORDER BY ', 2) as [string, string];
    args = direct === '' ? ordered : direct === ordered && direct.startsWith('VARIADIC ') ? direct : `${direct}, ${ordered}`;
  }
  return `${qualified(f.schema, f.name)}(${args})`;
}

/** pg_get_functiondef() (or the built CREATE AGGREGATE) as one statement. */
function definitionSql(f: Function): string {
  return f.definition.trim().replace(/;?$/, ';');
}

export const routine: KindSpec<Function> = {
  order: 4,
  diff: DIFF_RULES.function,
  reference: (o) => ({ type: routineType(o), name: signature(o) }),
  relationNamespace: false,
  ownable: true,
  grantTarget: (o) => `${o.prokind === 'p' ? 'PROCEDURE' : 'FUNCTION'} ${functionSignature(o)}`,
  defaultPrivileges: 'FUNCTIONS',
  builtinGrants: [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }],
  create: (o) => [s(definitionSql(o))],
  drop: (o) => s(`DROP ${routineType(o)} ${signature(o)};`),
  alter: (b, after) => (b.definition !== after.definition ? [s(definitionSql(after))] : []),
};
