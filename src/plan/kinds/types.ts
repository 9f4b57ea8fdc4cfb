/** Types: enums, domains, composite and range types. */
import { ident, literal, qualified } from '../../catalog/keys.js';
import type { BaseType, DomainType, Snapshot, Type } from '../../catalog/types.js';
import { stripNotValid } from '../../diff/compare.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { commentOn } from '../acl.js';
import { callsAny, h, rebuiltFunctionKeys, rebuiltFunctions, s, type KindSpec, type SqlContext, type Stmt } from './spec.js';

function createType(t: Type): string {
  const name = qualified(t.schema, t.name);
  switch (t.type) {
    case 'enum':
      return `CREATE TYPE ${name} AS ENUM (${t.labels.map(literal).join(', ')});`;
    case 'domain':
      return createDomain(t);
    case 'composite':
      return `CREATE TYPE ${name} AS (${t.attributes.map((a) => `${ident(a.name)} ${a.type}${a.collation ? ' COLLATE ' + a.collation : ''}`).join(', ')});`;
    case 'range': {
      const opts = [`SUBTYPE = ${t.subtype}`];
      if (t.opclass) opts.push(`SUBTYPE_OPCLASS = ${t.opclass}`);
      if (t.collation) opts.push(`COLLATION = ${t.collation}`);
      if (t.canonical) opts.push(`CANONICAL = ${t.canonical}`);
      if (t.subdiff) opts.push(`SUBTYPE_DIFF = ${t.subdiff}`);
      if (t.multirange) opts.push(`MULTIRANGE_TYPE_NAME = ${t.multirange}`);
      return `CREATE TYPE ${name} AS RANGE (${opts.join(', ')});`;
    }
    case 'base':
      return `CREATE TYPE ${name} (${baseOptions(t).join(', ')});`;
    case 'shell':
      return `CREATE TYPE ${name};`;
  }
}

const ALIGNMENT = { c: 'char', s: 'int2', i: 'int4', d: 'double' } as const;
const STORAGE = { p: 'plain', e: 'external', m: 'main', x: 'extended' } as const;

/** The support functions ALTER TYPE … SET can change (with STORAGE); the rest need the type created again. */
function settableFunctions(t: BaseType): Array<[string, string | null]> {
  return [['RECEIVE', t.receive], ['SEND', t.send], ['TYPMOD_IN', t.typmodIn], ['TYPMOD_OUT', t.typmodOut], ['ANALYZE', t.analyze], ['SUBSCRIPT', t.subscript]];
}

function settable(t: BaseType): string[] {
  return [...settableFunctions(t).map(([option, fn]) => `${option} = ${fn ?? 'NONE'}`), `STORAGE = ${STORAGE[t.storage]}`];
}

function baseOptions(t: BaseType): string[] {
  const opts = [`INPUT = ${t.input}`, `OUTPUT = ${t.output}`];
  for (const [option, fn] of settableFunctions(t)) if (fn) opts.push(`${option} = ${fn}`);
  opts.push(`INTERNALLENGTH = ${t.internalLength < 0 ? 'VARIABLE' : t.internalLength}`);
  if (t.passedByValue) opts.push('PASSEDBYVALUE');
  opts.push(`ALIGNMENT = ${ALIGNMENT[t.alignment]}`, `STORAGE = ${STORAGE[t.storage]}`, `CATEGORY = ${literal(t.category)}`);
  if (t.preferred) opts.push('PREFERRED = true');
  if (t.default !== null) opts.push(`DEFAULT = ${literal(t.default)}`);
  if (t.element) opts.push(`ELEMENT = ${t.element}`);
  if (t.delimiter !== ',') opts.push(`DELIMITER = ${literal(t.delimiter)}`);
  if (t.collatable) opts.push('COLLATABLE = true');
  return opts;
}

/**
 * Its input and output (and other support) functions: they take or return the type, and the type
 * names them, so they are created after its shell and before its definition.
 */
function supportFunctions(t: Type, snap: Snapshot): string[] {
  return t.type === 'base' ? t.deps.filter((d) => snap.objects[d]?.kind === 'function' && snap.objects[d]!.deps.includes(t.key)) : [];
}

function createDomain(d: DomainType): string {
  let sql = `CREATE DOMAIN ${qualified(d.schema, d.name)} AS ${d.base}`;
  if (d.collation) sql += ` COLLATE ${d.collation}`;
  if (d.default !== null) sql += ` DEFAULT ${d.default}`;
  if (d.notNull) sql += ' NOT NULL';
  for (const c of d.constraints) {
    if (c.definition === 'NOT NULL') continue;
    sql += ` CONSTRAINT ${ident(c.name)} ${stripNotValid(c.definition)}`;
  }
  const out = [sql + ';'];
  for (const c of d.constraints) {
    if (!c.validated && c.definition !== 'NOT NULL') {
      // NOT VALID is only accepted by ALTER DOMAIN: add it there instead.
      out[0] = out[0]!.replace(` CONSTRAINT ${ident(c.name)} ${stripNotValid(c.definition)}`, '');
      out.push(`ALTER DOMAIN ${qualified(d.schema, d.name)} ADD CONSTRAINT ${ident(c.name)} ${stripNotValid(c.definition)} NOT VALID;`);
    }
  }
  return out.join('\n');
}

/**
 * A domain's default and CHECKs that call a function this plan drops or creates anew: dropped
 * before it (domainPreStatements), added back after it, where a rebuilt domain would have to
 * change every column of its type.
 */
function domainCallers(d: DomainType, ctx: SqlContext): { default: boolean; constraints: Set<string> } {
  const names = rebuiltFunctions(d.deps, ctx);
  const constraints = new Set(names.length ? d.constraints.filter((c) => c.definition !== 'NOT NULL' && callsAny(c.definition, names)).map((c) => c.name) : []);
  return { default: names.length > 0 && d.default !== null && callsAny(d.default, names), constraints };
}

function domainPreStatements(before: Type, after: Type, ctx: SqlContext): Stmt[] {
  if (before.type !== 'domain' || after.type !== 'domain') return [];
  const name = qualified(before.schema, before.name);
  const callers = domainCallers(before, ctx);
  const out: Stmt[] = [];
  if (callers.default) out.push(s(`ALTER DOMAIN ${name} DROP DEFAULT;`));
  for (const c of callers.constraints) out.push(s(`ALTER DOMAIN ${name} DROP CONSTRAINT ${ident(c)};`));
  return out;
}

function alterType(before: Type, after: Type, ctx: SqlContext): Stmt[] {
  const name = qualified(after.schema, after.name);
  const out: Stmt[] = [];
  if (before.type === 'base' && after.type === 'base') {
    const old = new Set(settable(before));
    const sets = settable(after).filter((o) => !old.has(o));
    if (sets.length) out.push(s(`ALTER TYPE ${name} SET (${sets.join(', ')});`));
  }
  // What let go of a rebuilt function before it is added back below, with its comment.
  const had = new Map(before.type === 'domain' ? before.constraints.map((c) => [c.name, c]) : []);
  if (before.type === 'domain') {
    const callers = domainCallers(before, ctx);
    if (callers.default || callers.constraints.size)
      before = { ...before, default: callers.default ? null : before.default, constraints: before.constraints.filter((c) => !callers.constraints.has(c.name)) };
  }
  if (before.type === 'enum' && after.type === 'enum') {
    const have = new Set(before.labels);
    after.labels.forEach((label, i) => {
      if (have.has(label)) return;
      // Place it next to a neighbour that already exists, so the order matches.
      const next = after.labels.slice(i + 1).find((l) => have.has(l));
      const where = next !== undefined ? ` BEFORE ${literal(next)}` : i > 0 ? ` AFTER ${literal(after.labels[i - 1]!)}` : '';
      out.push(s(`ALTER TYPE ${name} ADD VALUE ${literal(label)}${where};`, h('not_in_transaction', 'a new enum value cannot be used until the transaction that added it commits')));
      have.add(label);
    });
  }
  if (before.type === 'domain' && after.type === 'domain') {
    if (before.default !== after.default)
      out.push(s(`ALTER DOMAIN ${name} ${after.default === null ? 'DROP DEFAULT' : 'SET DEFAULT ' + after.default};`));
    if (before.notNull !== after.notNull) out.push(s(`ALTER DOMAIN ${name} ${after.notNull ? 'SET' : 'DROP'} NOT NULL;`));
    const now = new Map(after.constraints.map((c) => [c.name, c]));
    const old = new Map(before.constraints.map((c) => [c.name, c]));
    for (const c of before.constraints) {
      const n = now.get(c.name);
      if (c.definition === 'NOT NULL') continue;
      if (!n || stripNotValid(n.definition) !== stripNotValid(c.definition) || (c.validated && !n.validated))
        out.push(s(`ALTER DOMAIN ${name} DROP CONSTRAINT ${ident(c.name)};`));
    }
    for (const c of after.constraints) {
      const o = old.get(c.name);
      if (c.definition === 'NOT NULL') continue;
      if (!o || stripNotValid(o.definition) !== stripNotValid(c.definition) || (o.validated && !c.validated)) {
        out.push(s(`ALTER DOMAIN ${name} ADD CONSTRAINT ${ident(c.name)} ${stripNotValid(c.definition)}${c.validated ? '' : ' NOT VALID'};`));
        // Added again, it lost its comment.
        const was = o ?? had.get(c.name);
        if (was?.comment !== undefined && was.comment !== null && was.comment === c.comment) out.push(s(`COMMENT ON CONSTRAINT ${ident(c.name)} ON DOMAIN ${name} IS ${literal(c.comment)};`));
      } else if (!o.validated && c.validated) out.push(s(`ALTER DOMAIN ${name} VALIDATE CONSTRAINT ${ident(c.name)};`));
    }
  }
  if (before.type === 'composite' && after.type === 'composite') {
    const now = new Map(after.attributes.map((a) => [a.name, a]));
    const old = new Map(before.attributes.map((a) => [a.name, a]));
    for (const a of before.attributes) if (!now.has(a.name)) out.push(s(`ALTER TYPE ${name} DROP ATTRIBUTE ${ident(a.name)};`));
    for (const a of after.attributes) {
      const o = old.get(a.name);
      const coll = a.collation ? ` COLLATE ${a.collation}` : '';
      if (!o) out.push(s(`ALTER TYPE ${name} ADD ATTRIBUTE ${ident(a.name)} ${a.type}${coll};`));
      else if (o.type !== a.type || o.collation !== a.collation) out.push(s(`ALTER TYPE ${name} ALTER ATTRIBUTE ${ident(a.name)} TYPE ${a.type}${coll};`));
    }
  }
  return out;
}

/** Comments on a domain's constraints and a composite type's attributes. */
function typePartMeta(before: Type | null, after: Type): string[] {
  const out: string[] = [];
  if (after.type === 'domain') {
    const old = new Map<string, string | undefined>();
    if (before?.kind === 'type' && before.type === 'domain') for (const c of before.constraints) old.set(c.name, c.comment);
    for (const c of after.constraints) {
      if (old.get(c.name) !== c.comment) out.push(commentOn(`CONSTRAINT ${ident(c.name)} ON DOMAIN ${qualified(after.schema, after.name)}`, c.comment));
    }
  }
  if (after.type === 'composite') {
    const old = new Map<string, string | null>();
    if (before?.kind === 'type' && before.type === 'composite') for (const a of before.attributes) old.set(a.name, a.comment);
    for (const a of after.attributes) {
      if ((old.get(a.name) ?? null) !== a.comment) out.push(commentOn(`COLUMN ${qualified(after.schema, after.name)}.${ident(a.name)}`, a.comment));
    }
  }
  return out;
}

const word = (t: Type) => (t.type === 'domain' ? 'DOMAIN' : 'TYPE');

export const type: KindSpec<Type> = {
  order: 3,
  diff: DIFF_RULES.type,
  reference: (o) => ({ type: word(o), name: qualified(o.schema, o.name) }),
  relationNamespace: true,
  ownable: true,
  grantTarget: (o) => `${word(o)} ${qualified(o.schema, o.name)}`,
  defaultPrivileges: 'TYPES',
  builtinGrants: [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }],
  create: (o) => [s(createType(o))],
  drop: (o, ctx) => {
    if (o.type !== 'base') return s(`DROP ${word(o)} ${qualified(o.schema, o.name)};`);
    // Its support functions and it depend on each other: CASCADE takes them. The plan drops what
    // else uses it first, and a column a table keeps waits as text (plan.ts) until it is back.
    return s(`DROP TYPE ${qualified(o.schema, o.name)} CASCADE;`);
  },
  placeholder: (o) => (o.type === 'base' ? [s(`CREATE TYPE ${qualified(o.schema, o.name)};`)] : []),
  placeheld: (o, snap) => supportFunctions(o, snap),
  alter: alterType,
  pre: domainPreStatements,
  releases: (b, ctx) => rebuiltFunctionKeys(b.deps, ctx),
  partMeta: typePartMeta,
};
