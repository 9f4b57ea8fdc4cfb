/**
 * Transforms (CREATE TRANSFORM): no name or schema of their own, so one is in scope when its type
 * or one of its functions is, as casts are. Those of extensions (hstore_plperl, jsonb_plpython3u)
 * are the extension's.
 */
import { keyOf } from '../keys.js';
import type { FamilyReader } from '../reader.js';

const TRANSFORMS = `
SELECT t.oid::text AS oid, format_type(t.trftype, NULL) AS type, l.lanname,
  nullif(t.trffromsql, 0)::regprocedure::text AS fromsql, nullif(t.trftosql, 0)::regprocedure::text AS tosql
FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang
WHERE (SELECT typnamespace FROM pg_type WHERE oid = t.trftype) = ANY($1::oid[])
  OR (SELECT pronamespace FROM pg_proc WHERE oid = t.trffromsql) = ANY($1::oid[])
  OR (SELECT pronamespace FROM pg_proc WHERE oid = t.trftosql) = ANY($1::oid[])`;

export const readTransforms: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_transform)`,
  read: async (ctx) => {
    await ctx.each(TRANSFORMS, [ctx.nsOids], (r) => {
      if (ctx.member('pg_transform', r.oid)) return;
      ctx.add(
        {
          key: keyOf.transform(r.type, r.lanname), deps: [], comment: null,
          kind: 'transform',
          type: r.type,
          language: r.lanname,
          fromSql: r.fromsql,
          toSql: r.tosql,
        },
        'pg_transform',
        r.oid,
      );
    });
  },
};
