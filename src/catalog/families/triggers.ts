/** Triggers on tables and views (CREATE TRIGGER), with those users put on the platform's tables. */
import { keyOf } from '../keys.js';
import { relationOf, type FamilyReader } from '../reader.js';
import type { Trigger } from '../types.js';

const TRIGGERS = `
SELECT t.oid::text AS oid, t.tgrelid::text AS rel, t.tgname, pg_get_triggerdef(t.oid) AS def, t.tgenabled,
  t.tgconstraint::text AS con
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
WHERE NOT t.tgisinternal AND t.tgparentid = 0
  -- on a platform-managed table ($2), a trigger running the platform's own function is the platform's, not a user's
  AND (c.relnamespace = ANY($1::oid[]) OR (c.relnamespace = ANY($2::oid[]) AND NOT p.pronamespace = ANY($2::oid[])))`;

export const readTriggers: FamilyReader = {
  // Triggers on the platform's tables count too: asked for whatever the schemas in scope hold.
  present: 'true',
  read: async (ctx) => {
    await ctx.each(TRIGGERS, [ctx.nsOids, ctx.managedOids], (r) => {
      const rel = relationOf(ctx, r.rel);
      if (!rel) return;
      const t: Trigger = {
        key: keyOf.trigger(rel.schema, rel.name, r.tgname), deps: [rel.key], comment: null as string | null,
        kind: 'trigger',
        schema: rel.schema,
        table: rel.key,
        tableName: rel.name,
        name: r.tgname,
        definition: r.def,
        enabled: r.tgenabled,
      };
      ctx.add(t, 'pg_trigger', r.oid);
      // A constraint trigger's constraint is the trigger, for comments and dependencies.
      if (r.con !== '0') ctx.resolve.set('pg_constraint', r.con, t.key);
    });
  },
};
