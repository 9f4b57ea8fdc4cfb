/** Row-level security policies. */
import { ident, qualified } from '../../catalog/keys.js';
import type { Policy } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { grantee } from '../acl.js';
import { h, NO_PRIVILEGES, s, type KindSpec } from './spec.js';

function policyRoles(p: Policy): string {
  return p.roles.map(grantee).join(', ');
}

function createPolicy(p: Policy): string {
  let sql = `CREATE POLICY ${ident(p.name)} ON ${qualified(p.schema, p.tableName)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} TO ${policyRoles(p)}`;
  if (p.using !== null) sql += ` USING (${p.using})`;
  if (p.check !== null) sql += ` WITH CHECK (${p.check})`;
  return sql + ';';
}

export const policy: KindSpec<Policy> = {
  order: 14,
  diff: DIFF_RULES.policy,
  reference: (o) => ({ type: 'POLICY', name: `${ident(o.name)} ON ${qualified(o.schema, o.tableName)}` }),
  relationNamespace: false,
  ownable: false,
  ...NO_PRIVILEGES,
  create: (o, ctx) => [s(createPolicy(o), ...(ctx.created.has(o.table) ? [] : [h('access_exclusive_lock', `CREATE POLICY locks ${qualified(o.schema, o.tableName)}`)]))],
  drop: (o) => s(`DROP POLICY ${ident(o.name)} ON ${qualified(o.schema, o.tableName)};`, h('access_exclusive_lock', `DROP POLICY locks ${qualified(o.schema, o.tableName)}`)),
  alter: (b, after) => {
    let sql = '';
    if (b.roles.join() !== after.roles.join()) sql += ` TO ${policyRoles(after)}`;
    if (b.using !== after.using && after.using !== null) sql += ` USING (${after.using})`;
    if (b.check !== after.check && after.check !== null) sql += ` WITH CHECK (${after.check})`;
    if (!sql) return [];
    return [s(`ALTER POLICY ${ident(after.name)} ON ${qualified(after.schema, after.tableName)}${sql};`, h('access_exclusive_lock', `ALTER POLICY locks ${qualified(after.schema, after.tableName)}`))];
  },
};
