/** Sequences (identity columns' sequences belong to their table: tables.ts). */
import { ident, qualified } from '../../catalog/keys.js';
import type { Sequence } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { h, s, tableName, type KindSpec, type Stmt } from './spec.js';

function sequenceOptions(q: Sequence): string {
  return `AS ${q.type} INCREMENT BY ${q.increment} MINVALUE ${q.min} MAXVALUE ${q.max} START WITH ${q.start} CACHE ${q.cache}${q.cycle ? ' CYCLE' : ' NO CYCLE'}`;
}

function createSequence(q: Sequence): string {
  return `CREATE ${q.unlogged ? 'UNLOGGED ' : ''}SEQUENCE ${qualified(q.schema, q.name)} ${sequenceOptions(q)};`;
}

export function sequenceOwnedBy(q: Sequence): string {
  const owner = q.ownedBy;
  if (!owner) return `ALTER SEQUENCE ${qualified(q.schema, q.name)} OWNED BY NONE;`;
  return `ALTER SEQUENCE ${qualified(q.schema, q.name)} OWNED BY ${tableName(owner.table)}.${ident(owner.column)};`;
}

function alterSequence(b: Sequence, a: Sequence): Stmt[] {
  const opts: string[] = [];
  if (b.type !== a.type) opts.push(`AS ${a.type}`);
  if (b.increment !== a.increment) opts.push(`INCREMENT BY ${a.increment}`);
  if (b.min !== a.min || b.type !== a.type) opts.push(`MINVALUE ${a.min}`);
  if (b.max !== a.max || b.type !== a.type) opts.push(`MAXVALUE ${a.max}`);
  if (b.start !== a.start) opts.push(`START WITH ${a.start}`);
  if (b.cache !== a.cache) opts.push(`CACHE ${a.cache}`);
  if (b.cycle !== a.cycle) opts.push(a.cycle ? 'CYCLE' : 'NO CYCLE');
  const out: Stmt[] = [];
  const name = qualified(a.schema, a.name);
  // Narrower bounds may exclude the current value: restart from START then.
  const narrower = BigInt(a.min) > BigInt(b.min) || BigInt(a.max) < BigInt(b.max);
  if (narrower) opts.push('RESTART');
  const hz = narrower ? [h('deletes_data', `restarts ${name} at ${a.start}: its current value may fall outside the new bounds`)] : [];
  if (opts.length) out.push(s(`ALTER SEQUENCE ${name} ${opts.join(' ')};`, ...hz));
  if (b.unlogged !== a.unlogged) out.push(s(`ALTER SEQUENCE ${name} SET ${a.unlogged ? 'UNLOGGED' : 'LOGGED'};`));
  return out;
}

export const sequence: KindSpec<Sequence> = {
  order: 6,
  diff: DIFF_RULES.sequence,
  reference: (o) => ({ type: 'SEQUENCE', name: qualified(o.schema, o.name) }),
  relationNamespace: true,
  ownable: true,
  grantTarget: (o) => `SEQUENCE ${qualified(o.schema, o.name)}`,
  defaultPrivileges: 'SEQUENCES',
  builtinGrants: [],
  create: (o) => [s(createSequence(o))],
  drop: (o) => s(`DROP SEQUENCE ${qualified(o.schema, o.name)};`, h('deletes_data', `drops sequence ${qualified(o.schema, o.name)} and its current value`)),
  alter: alterSequence,
};
