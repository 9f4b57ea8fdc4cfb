/**
 * Procedural languages made with CREATE LANGUAGE (those of extensions, plpgsql among them, are
 * the extension's). Not schema-qualified, so read whatever the scope's schemas.
 */
import { keyOf } from '../keys.js';
import type { FamilyReader } from '../reader.js';

// A NULL lanacl is the built-in default: USAGE for PUBLIC.
const LANGUAGES = `
SELECT l.oid::text AS oid, l.lanname, l.lanpltrusted, l.lanplcallfoid::regproc::text AS handler,
  nullif(l.laninline, 0)::regproc::text AS inline, nullif(l.lanvalidator, 0)::regproc::text AS validator,
  pg_get_userbyid(l.lanowner) AS owner,
  (SELECT json_agg(json_build_array(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END, a.privilege_type, a.is_grantable))
   FROM aclexplode(coalesce(l.lanacl, acldefault('l', l.lanowner))) a WHERE a.grantee <> l.lanowner) AS grants
FROM pg_language l
WHERE l.oid >= 16384 AND l.lanispl`;

export const readLanguages: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_language WHERE oid >= 16384)`,
  read: async (ctx) => {
    await ctx.each(LANGUAGES, [], (r) => {
      if (ctx.member('pg_language', r.oid)) return;
      ctx.add(
        ctx.own({
          key: keyOf.language(r.lanname), deps: [] as string[], comment: null as string | null,
          kind: 'language' as const,
          name: r.lanname as string,
          trusted: r.lanpltrusted === true,
          handler: r.handler as string,
          inline: r.inline as string | null,
          validator: r.validator as string | null,
          grants: ctx.grants(r.grants),
        }, r.owner),
        'pg_language',
        r.oid,
      );
    });
  },
};
