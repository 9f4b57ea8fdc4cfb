/** Extended statistics objects (CREATE STATISTICS). */
import { keyOf, qualified } from '../keys.js';
import type { FamilyReader } from '../reader.js';

// stxstattarget: -1 on 15 and NULL on 17 both mean the default.
const STATISTICS = `
SELECT s.oid::text AS oid, n.nspname, s.stxname, s.stxrelid::text AS rel, pg_get_statisticsobjdef(s.oid) AS def,
  nullif(s.stxstattarget, -1)::int AS target, pg_get_userbyid(s.stxowner) AS owner
FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
WHERE s.stxnamespace = ANY($1::oid[])`;

export const readStatistics: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_statistic_ext WHERE stxnamespace = ANY($1::oid[]))`,
  read: async (ctx) => {
    await ctx.each(STATISTICS, [ctx.nsOids], (r) => {
      if (ctx.member('pg_statistic_ext', r.oid)) return;
      const table = ctx.resolve.get('pg_class', r.rel);
      if (!table) {
        ctx.warnings.push(`statistics object ${qualified(r.nspname, r.stxname)} is on a table out of scope: it is not compared`);
        return;
      }
      const st = ctx.own({
        key: keyOf.statistics(r.nspname, r.stxname), deps: [] as string[], comment: null as string | null,
        kind: 'statistics' as const,
        schema: r.nspname as string,
        name: r.stxname as string,
        table,
        definition: r.def as string,
        target: r.target as number | null,
      }, r.owner);
      st.deps.push(table);
      ctx.add(st, 'pg_statistic_ext', r.oid);
    });
  },
};
