/**
 * Foreign-data wrappers, foreign servers and user mappings, and the OPTIONS clauses they share
 * with foreign tables (whose statements the table engine writes, tables.ts). A secret's value is
 * never in a snapshot: where one is written the plan writes the placeholder and says so.
 */
import { ident, literal } from '../../catalog/keys.js';
import { holdsPlaceholder, SECRET_PLACEHOLDER } from '../../catalog/secrets.js';
import type { ForeignDataWrapper, ForeignServer, Options, UserMapping } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import type { Hazard } from '../types.js';
import { h, NO_PRIVILEGES, s, type KindSpec, type Stmt } from './spec.js';

function split(o: string): [string, string] {
  const eq = o.indexOf('=');
  return eq < 0 ? [o, ''] : [o.slice(0, eq), o.slice(eq + 1)];
}

function optionMap(opts: Options | null | undefined): Map<string, string> {
  return new Map((opts ?? []).map(split));
}

function option(name: string, value: string): string {
  return `${ident(name)} ${literal(value)}`;
}

/** ` OPTIONS (…)` of a CREATE, or '' when there are none. */
export function optionsClause(opts: Options | null | undefined): string {
  return opts?.length ? ` OPTIONS (${opts.map((o) => option(...split(o))).join(', ')})` : '';
}

/** The ADD / SET / DROP list turning `before` into `after`, or '' when they are the same. */
export function optionChanges(before: Options | null | undefined, after: Options | null | undefined): string {
  const old = optionMap(before);
  const now = optionMap(after);
  const out: string[] = [];
  for (const [name] of old) if (!now.has(name)) out.push(`DROP ${ident(name)}`);
  for (const [name, value] of now) {
    const was = old.get(name);
    if (was === undefined) out.push(`ADD ${option(name, value)}`);
    else if (was !== value) out.push(`SET ${option(name, value)}`);
  }
  return out.join(', ');
}

/**
 * The hazard of a statement that writes options holding the secret placeholder (a new secret
 * option, or a changed value that embeds one), or none.
 */
export function secretHazards(what: string, before: Options | null | undefined, after: Options | null | undefined, alterHint: string): Hazard[] {
  const old = optionMap(before);
  const written = [...optionMap(after)].filter(([name, value]) => holdsPlaceholder(value) && old.get(name) !== value).map(([name]) => name);
  if (!written.length) return [];
  return [h('secret_placeholder', `${what}: ${written.map(ident).join(', ')} ${written.length === 1 ? 'is a secret' : 'are secrets'} the plan never holds, written as '${SECRET_PLACEHOLDER}'; supply the real value (${alterHint} OPTIONS (SET ${ident(written[0]!)} '…'))`)];
}

function createWrapper(w: ForeignDataWrapper): Stmt {
  const name = ident(w.name);
  const parts = [`CREATE FOREIGN DATA WRAPPER ${name}`];
  if (w.handler) parts.push(`HANDLER ${w.handler}`);
  if (w.validator) parts.push(`VALIDATOR ${w.validator}`);
  return s(`${parts.join(' ')}${optionsClause(w.options)};`, ...secretHazards(`foreign-data wrapper ${name}`, [], w.options, `ALTER FOREIGN DATA WRAPPER ${name}`));
}

function alterWrapper(b: ForeignDataWrapper, a: ForeignDataWrapper): Stmt[] {
  const name = ident(a.name);
  const out: Stmt[] = [];
  if (b.handler !== a.handler) out.push(s(`ALTER FOREIGN DATA WRAPPER ${name} ${a.handler ? `HANDLER ${a.handler}` : 'NO HANDLER'};`));
  if (b.validator !== a.validator)
    out.push(
      s(
        `ALTER FOREIGN DATA WRAPPER ${name} ${a.validator ? `VALIDATOR ${a.validator}` : 'NO VALIDATOR'};`,
        // PostgreSQL does not check the options already set against a new validator.
        ...(a.validator ? [h('manual_follow_up', `options of ${name} and of its servers, mappings and foreign tables are not checked again by the new validator`)] : []),
      ),
    );
  const changes = optionChanges(b.options, a.options);
  if (changes) out.push(s(`ALTER FOREIGN DATA WRAPPER ${name} OPTIONS (${changes});`, ...secretHazards(`foreign-data wrapper ${name}`, b.options, a.options, `ALTER FOREIGN DATA WRAPPER ${name}`)));
  return out;
}

export const foreignDataWrapper: KindSpec<ForeignDataWrapper> = {
  order: 28,
  diff: DIFF_RULES.foreign_data_wrapper,
  reference: (o) => ({ type: 'FOREIGN DATA WRAPPER', name: ident(o.name) }),
  relationNamespace: false,
  ownable: true,
  grantTarget: (o) => `FOREIGN DATA WRAPPER ${ident(o.name)}`,
  defaultPrivileges: null,
  builtinGrants: [],
  create: (o) => [createWrapper(o)],
  drop: (o) => s(`DROP FOREIGN DATA WRAPPER ${ident(o.name)};`),
  alter: alterWrapper,
};

function createServer(o: ForeignServer): Stmt {
  const name = ident(o.name);
  const type = o.type === null ? '' : ` TYPE ${literal(o.type)}`;
  const version = o.version === null ? '' : ` VERSION ${literal(o.version)}`;
  return s(
    `CREATE SERVER ${name}${type}${version} FOREIGN DATA WRAPPER ${ident(o.wrapperName)}${optionsClause(o.options)};`,
    ...secretHazards(`server ${name}`, [], o.options, `ALTER SERVER ${name}`),
  );
}

function alterServer(b: ForeignServer, a: ForeignServer): Stmt[] {
  const name = ident(a.name);
  const out: Stmt[] = [];
  if (b.version !== a.version) out.push(s(`ALTER SERVER ${name} ${a.version === null ? 'VERSION NULL' : `VERSION ${literal(a.version)}`};`));
  const changes = optionChanges(b.options, a.options);
  if (changes) out.push(s(`ALTER SERVER ${name} OPTIONS (${changes});`, ...secretHazards(`server ${name}`, b.options, a.options, `ALTER SERVER ${name}`)));
  return out;
}

export const server: KindSpec<ForeignServer> = {
  order: 29,
  diff: DIFF_RULES.server,
  reference: (o) => ({ type: 'SERVER', name: ident(o.name) }),
  relationNamespace: false,
  ownable: true,
  grantTarget: (o) => `FOREIGN SERVER ${ident(o.name)}`,
  defaultPrivileges: null,
  builtinGrants: [],
  create: (o) => [createServer(o)],
  drop: (o) => s(`DROP SERVER ${ident(o.name)};`),
  alter: alterServer,
};

function mappingFor(o: UserMapping): string {
  return `FOR ${o.role === 'PUBLIC' ? 'PUBLIC' : ident(o.role)} SERVER ${ident(o.serverName)}`;
}

function createMapping(o: UserMapping): Stmt {
  const what = `USER MAPPING ${mappingFor(o)}`;
  const hidden = o.options === null ? [h('secret_placeholder', `the options of ${what} were hidden from the role that read them: it is created without options; supply them (ALTER ${what} OPTIONS (ADD …))`)] : [];
  return s(`CREATE ${what}${optionsClause(o.options)};`, ...hidden, ...secretHazards(what, [], o.options, `ALTER ${what}`));
}

function alterMapping(b: UserMapping, a: UserMapping): Stmt[] {
  // Options hidden on either side are not compared.
  if (b.options === null || a.options === null) return [];
  const what = `USER MAPPING ${mappingFor(a)}`;
  const changes = optionChanges(b.options, a.options);
  return changes ? [s(`ALTER ${what} OPTIONS (${changes});`, ...secretHazards(what, b.options, a.options, `ALTER ${what}`))] : [];
}

export const userMapping: KindSpec<UserMapping> = {
  order: 30,
  diff: DIFF_RULES.user_mapping,
  // No COMMENT ON, owner or privileges of its own.
  reference: () => null,
  relationNamespace: false,
  ownable: false,
  ...NO_PRIVILEGES,
  create: (o) => [createMapping(o)],
  drop: (o) => s(`DROP USER MAPPING ${mappingFor(o)};`),
  alter: alterMapping,
};
