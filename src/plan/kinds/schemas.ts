/** Schemas and extensions. */
import { ident, literal } from '../../catalog/keys.js';
import type { Extension, Schema } from '../../catalog/types.js';
import { grantStatements } from '../acl.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { h, NO_PRIVILEGES, s, type KindSpec } from './spec.js';

export const schema: KindSpec<Schema> = {
  order: 0,
  diff: DIFF_RULES.schema,
  reference: (o) => ({ type: 'SCHEMA', name: ident(o.name) }),
  relationNamespace: false,
  ownable: true,
  grantTarget: (o) => `SCHEMA ${ident(o.name)}`,
  defaultPrivileges: 'SCHEMAS',
  builtinGrants: [],
  create: (o) => [s(`CREATE SCHEMA ${ident(o.name)};`)],
  drop: (o) => s(`DROP SCHEMA ${ident(o.name)};`),
  alter: () => [],
};

/**
 * GRANT/REVOKE on member routines whose privileges the user changed from the extension's own
 * (a member without an entry on one side has its initial privileges there).
 */
function memberGrantStatements(before: Extension | null, after: Extension): string[] {
  if (after.standin || before?.standin) return [];
  const old = new Map((before?.memberGrants ?? []).map((m) => [m.member, m]));
  const now = new Map((after.memberGrants ?? []).map((m) => [m.member, m]));
  const out: string[] = [];
  for (const member of new Set([...old.keys(), ...now.keys()])) {
    const b = old.get(member);
    const a = now.get(member);
    out.push(...grantStatements(member, b?.grants ?? a!.initial, a?.grants ?? b!.initial));
  }
  return out;
}

export const extension: KindSpec<Extension> = {
  order: 1,
  diff: DIFF_RULES.extension,
  reference: (o) => ({ type: 'EXTENSION', name: ident(o.name) }),
  relationNamespace: false,
  ownable: true,
  ...NO_PRIVILEGES,
  // A stand-in's version is dbalign's, not one the real extension need have.
  create: (o) => [s(`CREATE EXTENSION IF NOT EXISTS ${ident(o.name)} WITH SCHEMA ${ident(o.schema)}${o.standin ? '' : ` VERSION ${literal(o.version)}`};`)],
  // Dropped to be created again (a move to another schema it cannot make in place): what it holds goes with it.
  drop: (o, ctx) =>
    ctx.created.has(o.key)
      ? s(
          `DROP EXTENSION ${ident(o.name)};`,
          h('deletes_data', `drops extension ${ident(o.name)} to create it again in another schema: rows in its tables are lost, and objects that use it must be dropped first`),
        )
      : s(`DROP EXTENSION ${ident(o.name)};`),
  alter: (b, after) => {
    const out = [];
    if (b.version !== after.version && !b.standin && !after.standin) out.push(s(`ALTER EXTENSION ${ident(after.name)} UPDATE TO ${literal(after.version)};`));
    if (b.schema !== after.schema) out.push(s(`ALTER EXTENSION ${ident(after.name)} SET SCHEMA ${ident(after.schema)};`));
    return out;
  },
  partMeta: memberGrantStatements,
};
