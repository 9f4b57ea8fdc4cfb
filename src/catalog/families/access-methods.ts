/**
 * Access methods made with CREATE ACCESS METHOD (those of extensions, such as pgvector's hnsw,
 * are the extension's). Not schema-qualified, so read whatever the scope's schemas, as languages are.
 */
import { keyOf } from '../keys.js';
import type { FamilyReader } from '../reader.js';

const ACCESS_METHODS = `
SELECT a.oid::text AS oid, a.amname, a.amtype, a.amhandler::regproc::text AS handler
FROM pg_am a
WHERE a.oid >= 16384`;

export const readAccessMethods: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_am WHERE oid >= 16384)`,
  read: async (ctx) => {
    await ctx.each(ACCESS_METHODS, [], (r) => {
      if (ctx.member('pg_am', r.oid)) return;
      ctx.add(
        {
          key: keyOf.accessMethod(r.amname), deps: [], comment: null,
          kind: 'access_method',
          name: r.amname,
          type: r.amtype,
          handler: r.handler,
        },
        'pg_am',
        r.oid,
      );
    });
  },
};
