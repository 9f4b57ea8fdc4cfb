/** Casts: no name or schema of their own, so one is in scope when its source or target type or its function is. */
import { keyOf } from '../keys.js';
import type { FamilyReader } from '../reader.js';
import type { Cast } from '../types.js';

/**
 * User casts, less those internal to a type (deptype i: a type's own, which go with it) and,
 * in the reader, those of extensions.
 */
const CASTS = `
SELECT c.oid::text AS oid, format_type(c.castsource, NULL) AS source, format_type(c.casttarget, NULL) AS target,
  c.castmethod, c.castcontext, CASE WHEN c.castfunc = 0 THEN NULL ELSE c.castfunc::regprocedure::text END AS fn,
  c.castfunc::text AS fnoid
FROM pg_cast c
WHERE c.oid >= 16384
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid AND d.deptype = 'i')
  AND ((SELECT typnamespace FROM pg_type WHERE oid = c.castsource) = ANY($1::oid[])
    OR (SELECT typnamespace FROM pg_type WHERE oid = c.casttarget) = ANY($1::oid[])
    OR (SELECT pronamespace FROM pg_proc WHERE oid = c.castfunc) = ANY($1::oid[]))`;

/**
 * What calls these functions. An expression that casts records a dependency on the cast's
 * function, never on the cast, yet its definition is written back as a cast (`p::integer`).
 */
const FUNCTION_USERS = `
SELECT d.classid::regclass::text AS cls, d.objid::text AS objid, d.refobjid::text AS fn
FROM pg_depend d
WHERE d.refclassid = 'pg_proc'::regclass AND d.refobjid = ANY($1::oid[]) AND d.deptype = 'n'`;

/** Kinds whose definitions the server deparses, and which nothing a cast needs can depend on. */
const DEPARSED = new Set(['view', 'matview', 'index', 'constraint', 'policy', 'trigger', 'rule']);

export const readCasts: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_cast WHERE oid >= 16384)`,
  read: async (ctx) => {
    /** Function OID → keys of the casts it performs. */
    const byFunction = new Map<string, string[]>();
    await ctx.each(CASTS, [ctx.nsOids], (r) => {
      if (ctx.member('pg_cast', r.oid)) return;
      const c: Cast = {
        key: keyOf.cast(r.source, r.target), deps: [] as string[], comment: null as string | null,
        kind: 'cast',
        source: r.source,
        target: r.target,
        method: r.castmethod,
        function: r.fn,
        context: r.castcontext,
      };
      ctx.add(c, 'pg_cast', r.oid);
      if (r.fn !== null) byFunction.set(r.fnoid, [...(byFunction.get(r.fnoid) ?? []), c.key]);
    });
    if (!byFunction.size) return;
    // So the cast is created before them and dropped after them.
    await ctx.each(FUNCTION_USERS, [[...byFunction.keys()]], (r) => {
      const key = ctx.resolve.get(r.cls, r.objid);
      const obj = key === undefined ? undefined : ctx.objects.get(key);
      if (obj && DEPARSED.has(obj.kind)) obj.deps.push(...byFunction.get(r.fn)!);
    });
  },
};
