/** Operators, operator families and operator classes. */
import { ident, qualified } from '../../catalog/keys.js';
import type { Operator, OperatorClass, OperatorFamily, OperatorMember, SupportFunction } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { NO_PRIVILEGES, s, type KindSpec, type Stmt } from './spec.js';

/** How DROP, COMMENT ON and ALTER name an operator: its name and argument types. */
function operatorSignature(o: Operator): string {
  return `${ident(o.schema)}.${o.name} (${o.left ?? 'NONE'}, ${o.right})`;
}

function createOperator(o: Operator): string {
  const opts: string[] = [];
  if (o.left !== null) opts.push(`LEFTARG = ${o.left}`);
  opts.push(`RIGHTARG = ${o.right}`, `FUNCTION = ${o.function}`);
  // Naming a commutator or negator that does not exist yet makes a shell of it, which its own CREATE fills.
  if (o.commutator) opts.push(`COMMUTATOR = OPERATOR(${o.commutator})`);
  if (o.negator) opts.push(`NEGATOR = OPERATOR(${o.negator})`);
  if (o.restrict) opts.push(`RESTRICT = ${o.restrict}`);
  if (o.join) opts.push(`JOIN = ${o.join}`);
  if (o.hashes) opts.push('HASHES');
  if (o.merges) opts.push('MERGES');
  return `CREATE OPERATOR ${ident(o.schema)}.${o.name} (${opts.join(', ')});`;
}

export const operator: KindSpec<Operator> = {
  order: 18,
  diff: DIFF_RULES.operator,
  reference: (o) => ({ type: 'OPERATOR', name: operatorSignature(o) }),
  relationNamespace: false,
  ownable: true,
  ...NO_PRIVILEGES,
  create: (o) => [s(createOperator(o))],
  drop: (o) => s(`DROP OPERATOR ${operatorSignature(o)};`),
  // Only the estimators change in place; the rule rebuilds it for anything else.
  alter: (b, a) =>
    b.restrict !== a.restrict || b.join !== a.join
      ? [s(`ALTER OPERATOR ${operatorSignature(a)} SET (RESTRICT = ${a.restrict ?? 'NONE'}, JOIN = ${a.join ?? 'NONE'});`)]
      : [],
};

/** OPERATOR and FUNCTION items as CREATE OPERATOR CLASS and ALTER OPERATOR FAMILY … ADD write them. */
function operatorItem(m: OperatorMember): string {
  return `OPERATOR ${m.strategy} ${m.operator} (${m.left ?? 'NONE'}, ${m.right})${m.orderFamily ? ` FOR ORDER BY ${m.orderFamily}` : ''}`;
}

function functionItem(f: SupportFunction): string {
  return `FUNCTION ${f.number} (${f.left}, ${f.right}) ${f.function}`;
}

function familyName(f: OperatorFamily | OperatorClass): string {
  return `${qualified(f.schema, f.name)} USING ${ident(f.method)}`;
}

/** Members are told apart by strategy or support number and types; the operator or function is what they hold. */
const operatorSlot = (m: OperatorMember) => `${m.strategy} (${m.left ?? 'NONE'}, ${m.right})`;
const functionSlot = (f: SupportFunction) => `${f.number} (${f.left}, ${f.right})`;

function familyMembers(b: OperatorFamily | null, a: OperatorFamily): Stmt[] {
  const name = familyName(a);
  const oldOps = new Map((b?.operators ?? []).map((m) => [operatorSlot(m), operatorItem(m)]));
  const newOps = new Map(a.operators.map((m) => [operatorSlot(m), operatorItem(m)]));
  const oldFns = new Map((b?.functions ?? []).map((f) => [functionSlot(f), functionItem(f)]));
  const newFns = new Map(a.functions.map((f) => [functionSlot(f), functionItem(f)]));
  const drop: string[] = [];
  const add: string[] = [];
  for (const [slot, item] of oldOps) if (newOps.get(slot) !== item) drop.push(`OPERATOR ${slot}`);
  for (const [slot, item] of oldFns) if (newFns.get(slot) !== item) drop.push(`FUNCTION ${slot}`);
  for (const [slot, item] of newOps) if (oldOps.get(slot) !== item) add.push(item);
  for (const [slot, item] of newFns) if (oldFns.get(slot) !== item) add.push(item);
  const out: Stmt[] = [];
  if (drop.length) out.push(s(`ALTER OPERATOR FAMILY ${name} DROP ${drop.join(', ')};`));
  if (add.length) out.push(s(`ALTER OPERATOR FAMILY ${name} ADD ${add.join(', ')};`));
  return out;
}

export const operatorFamily: KindSpec<OperatorFamily> = {
  order: 19,
  diff: DIFF_RULES.operator_family,
  reference: (o) => ({ type: 'OPERATOR FAMILY', name: familyName(o) }),
  relationNamespace: false,
  ownable: true,
  ...NO_PRIVILEGES,
  create: (o) => [s(`CREATE OPERATOR FAMILY ${familyName(o)};`), ...familyMembers(null, o)],
  // Its classes go with it; the plan drops them first, as they depend on it.
  drop: (o) => s(`DROP OPERATOR FAMILY ${familyName(o)};`),
  alter: familyMembers,
};

function createOperatorClass(c: OperatorClass): string {
  const items = [...c.operators.map(operatorItem), ...c.functions.map(functionItem)];
  // A class needs one item at least: STORAGE naming its own type is the same as none.
  if (c.storage !== null || !items.length) items.push(`STORAGE ${c.storage ?? c.type}`);
  return (
    `CREATE OPERATOR CLASS ${qualified(c.schema, c.name)}${c.default ? ' DEFAULT' : ''} FOR TYPE ${c.type} USING ${ident(c.method)} FAMILY ${c.family} AS\n    ` +
    items.join(',\n    ') +
    ';'
  );
}

export const operatorClass: KindSpec<OperatorClass> = {
  order: 20,
  diff: DIFF_RULES.operator_class,
  reference: (o) => ({ type: 'OPERATOR CLASS', name: familyName(o) }),
  relationNamespace: false,
  ownable: true,
  ...NO_PRIVILEGES,
  create: (o) => [s(createOperatorClass(o))],
  // Indexes that name it depend on it: the diff rebuilds them around it, so they are dropped first.
  drop: (o) => s(`DROP OPERATOR CLASS ${familyName(o)};`),
  alter: () => [],
};
