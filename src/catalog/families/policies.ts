/** Row-level security policies (CREATE POLICY), with those users put on the platform's tables. */
import { keyOf } from '../keys.js';
import { relationOf, type FamilyReader } from '../reader.js';
import type { Policy } from '../types.js';

const POLICIES = `
SELECT p.oid::text AS oid, p.polname, p.polrelid::text AS rel, p.polcmd, p.polpermissive,
  ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) r ORDER BY 1) AS roles,
  pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS withcheck
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
WHERE c.relnamespace = ANY($1::oid[]) OR c.relnamespace = ANY($2::oid[])`;

const COMMANDS: Record<string, Policy['command']> = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' };

export const readPolicies: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_policy)`,
  read: async (ctx) => {
    await ctx.each(POLICIES, [ctx.nsOids, ctx.managedOids], (r) => {
      const t = relationOf(ctx, r.rel);
      if (t?.kind !== 'table') return;
      const p: Policy = {
        key: keyOf.policy(t.schema, t.name, r.polname), deps: [t.key], comment: null as string | null,
        kind: 'policy',
        schema: t.schema,
        table: t.key,
        tableName: t.name,
        name: r.polname,
        permissive: r.polpermissive,
        command: COMMANDS[r.polcmd] ?? 'ALL',
        roles: r.roles,
        using: r.qual,
        check: r.withcheck,
      };
      ctx.add(p, 'pg_policy', r.oid);
    });
  },
};
