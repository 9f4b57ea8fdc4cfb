/** Functions, procedures and aggregates. */
import { qualified } from '../../catalog/keys.js';
import type { Function, Snapshot } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { s, type KindSpec, type SqlContext } from './spec.js';

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

/** Routines and relations of a snapshot by schema and name, as a body may name them. */
const NAMED = new WeakMap<Snapshot, Map<string, string[]>>();

function namedIn(snap: Snapshot): Map<string, string[]> {
  let named = NAMED.get(snap);
  if (named) return named;
  named = new Map();
  for (const o of Object.values(snap.objects)) {
    if (o.kind !== 'function' && o.kind !== 'table' && o.kind !== 'view' && o.kind !== 'matview') continue;
    const k = `${o.schema}\u0000${o.name}`;
    const keys = named.get(k);
    if (keys) keys.push(o.key);
    else named.set(k, [o.key]);
  }
  NAMED.set(snap, named);
  return named;
}

const BODY = /\nAS (\$[^$\n]*\$)([\s\S]*)\1\s*$/;
const LANGUAGE = /\n LANGUAGE (sql|plpgsql)\n/;
const SEARCH_PATH = /\n SET search_path TO ([^\n]*)\n/;
const NAME = /("(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)(?:\s*\.\s*("(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*))?/g;
const unquote = (n: string) => (n.startsWith('"') ? n.slice(1, -1).replace(/""/g, '"') : n.toLowerCase());

/**
 * What a SQL or PL/pgSQL string body names: PostgreSQL records no dependency there (a BEGIN ATOMIC
 * body's are recorded). A qualified name is looked up as written; a plain one in the routine's own
 * `SET search_path`, or else public, and the routine's schema. A word that only looks like a name
 * costs an ordering preference at most.
 */
function bodyUses(f: Function, ctx: SqlContext): string[] {
  if (!LANGUAGE.test(f.definition)) return [];
  const body = BODY.exec(f.definition)?.[2];
  if (!body) return [];
  const setting = SEARCH_PATH.exec(f.definition)?.[1];
  const path = setting ? setting.split(',').map((p) => unquote(p.trim().replace(/^'(.*)'$/, '$1'))) : ['public'];
  if (!path.includes(f.schema)) path.push(f.schema);
  const named = namedIn(ctx.to);
  const out = new Set<string>();
  for (const m of body.matchAll(NAME)) {
    const first = unquote(m[1]!);
    const found = m[2] !== undefined ? named.get(`${first}\u0000${unquote(m[2])}`) : path.flatMap((p) => named.get(`${p}\u0000${first}`) ?? []);
    for (const k of found ?? []) if (k !== f.key) out.add(k);
  }
  return [...out];
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
  uses: bodyUses,
};
