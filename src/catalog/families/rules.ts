/** Rewrite rules (CREATE RULE); a view's own `_RETURN` rule is the view. */
import { keyOf } from '../keys.js';
import { relationOf, type FamilyReader } from '../reader.js';
import type { Rule } from '../types.js';

const RULES = `
SELECT r.oid::text AS oid, r.rulename, r.ev_class::text AS rel, r.ev_enabled,
  CASE WHEN r.rulename <> '_RETURN' THEN pg_get_ruledef(r.oid) END AS def
FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
WHERE c.relnamespace = ANY($1::oid[])`;

export const readRules: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE c.relnamespace = ANY($1::oid[]))`,
  read: async (ctx) => {
    await ctx.each(RULES, [ctx.nsOids], (r) => {
      const rel = relationOf(ctx, r.rel);
      if (!rel) return;
      // What depends on a view's _RETURN rule depends on the view.
      if (r.rulename === '_RETURN') {
        if (rel.kind !== 'table') ctx.resolve.set('pg_rewrite', r.oid, rel.key);
        return;
      }
      const rule: Rule = {
        key: keyOf.rule(rel.schema, rel.name, r.rulename), deps: [rel.key], comment: null as string | null,
        kind: 'rule',
        schema: rel.schema,
        table: rel.key,
        tableName: rel.name,
        name: r.rulename,
        definition: r.def,
        enabled: r.ev_enabled,
      };
      ctx.add(rule, 'pg_rewrite', r.oid);
    });
  },
};
