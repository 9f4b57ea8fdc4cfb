/** Collations (CREATE COLLATION). */
import { keyOf } from '../keys.js';
import type { FamilyReader, Row } from '../reader.js';
import type { Collation } from '../types.js';

/** to_jsonb: the locale columns are named differently in PostgreSQL 15 and 17. */
const COLLATIONS = `
SELECT c.oid::text AS oid, n.nspname, pg_get_userbyid(c.collowner) AS owner, to_jsonb(c) AS j
FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
WHERE c.collnamespace = ANY($1::oid[])`;

export const readCollations: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_collation WHERE collnamespace = ANY($1::oid[]))`,
  read: async (ctx) => {
    await ctx.each(COLLATIONS, [ctx.nsOids], (r) => {
      if (ctx.member('pg_collation', r.oid)) return;
      const j = r.j as Row;
      const c: Collation = ctx.own(
        {
          key: keyOf.collation(r.nspname, j.collname), deps: [] as string[], comment: null as string | null,
          kind: 'collation',
          schema: r.nspname,
          name: j.collname,
          provider: String(j.collprovider) as Collation['provider'],
          collate: j.collcollate ?? null,
          ctype: j.collctype ?? null,
          locale: j.colllocale ?? j.colliculocale ?? null,
          deterministic: j.collisdeterministic !== false,
        },
        r.owner,
      );
      ctx.add(c, 'pg_collation', r.oid);
    });
  },
};
