/** Encoding conversions (CREATE [DEFAULT] CONVERSION). */
import { keyOf } from '../keys.js';
import type { FamilyReader } from '../reader.js';

const CONVERSIONS = `
SELECT c.oid::text AS oid, n.nspname, c.conname, pg_encoding_to_char(c.conforencoding) AS fore,
  pg_encoding_to_char(c.contoencoding) AS toenc, c.conproc::regproc::text AS fn, c.condefault, pg_get_userbyid(c.conowner) AS owner
FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace
WHERE c.connamespace = ANY($1::oid[])`;

export const readConversions: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_conversion WHERE connamespace = ANY($1::oid[]))`,
  read: async (ctx) => {
    await ctx.each(CONVERSIONS, [ctx.nsOids], (r) => {
      if (ctx.member('pg_conversion', r.oid)) return;
      ctx.add(
        ctx.own({
          key: keyOf.conversion(r.nspname, r.conname), deps: [] as string[], comment: null as string | null,
          kind: 'conversion' as const,
          schema: r.nspname as string,
          name: r.conname as string,
          forEncoding: r.fore as string,
          toEncoding: r.toenc as string,
          function: r.fn as string,
          default: r.condefault === true,
        }, r.owner),
        'pg_conversion',
        r.oid,
      );
    });
  },
};
