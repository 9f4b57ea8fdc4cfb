/** Extensions, and which objects are their members (those are never compared one by one). */
import { SUPABASE_DEFAULT_EXTENSIONS } from '../scope.js';
import { keyOf, qualified } from '../keys.js';
import { grants } from '../queries.js';
import { cmp, type CoreFamily } from '../reader.js';

const PLATFORM_EXTENSIONS = new Set(SUPABASE_DEFAULT_EXTENSIONS.map(([name]) => name));

export const EXTENSION_MEMBERS = `
SELECT d.classid::regclass::text AS cls, d.objid::text AS objid, e.extname
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'`;

/**
 * Extension member routines whose privileges differ from those the extension gave them
 * (pg_init_privs, or the built-in default when it recorded none), as pg_dump keeps them.
 */
export const EXTENSION_MEMBER_ROUTINE_GRANTS = `
SELECT e.extname, n.nspname, p.proname, p.prokind, oidvectortypes(p.proargtypes) AS argtypes,
  ${grants("coalesce(p.proacl, acldefault('f', p.proowner))", 'f', 'p.proowner', `'f'`)} AS grants,
  ${grants("coalesce(i.initprivs, acldefault('f', p.proowner))", 'f', 'p.proowner', `'f'`)} AS initial
FROM pg_depend d
JOIN pg_extension e ON e.oid = d.refobjid
JOIN pg_proc p ON p.oid = d.objid
JOIN pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_init_privs i ON i.objoid = p.oid AND i.classoid = 'pg_proc'::regclass AND i.objsubid = 0
WHERE d.refclassid = 'pg_extension'::regclass AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
  AND coalesce(p.proacl, acldefault('f', p.proowner)) IS DISTINCT FROM coalesce(i.initprivs, acldefault('f', p.proowner))`;

export const EXTENSIONS = `
SELECT e.oid::text AS oid, e.extname, n.oid::text AS nsp, n.nspname, e.extversion, pg_get_userbyid(e.extowner) AS owner,
  nullif(e.extrelocatable, true) AS extrelocatable,
  coalesce(obj_description(e.oid, 'pg_extension') LIKE 'dbalign stand-in:%', false) AS standin,
  ARRAY(SELECT u.target FROM pg_extension_update_paths(e.extname) u
        WHERE u.source = e.extversion AND u.path IS NOT NULL ORDER BY 1) AS targets
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace`;

export const readExtensions: CoreFamily = {
  statements: [
    { sql: EXTENSION_MEMBERS, args: 'none' },
    { sql: EXTENSIONS, args: 'none' },
    { sql: EXTENSION_MEMBER_ROUTINE_GRANTS, args: 'none' },
  ],
  read: async (ctx) => {
    const { each, add, own, objects, nsOids, scope, grants: toGrants } = ctx;
    const { extensionOf, outside } = ctx.core;
    await each(EXTENSION_MEMBERS, [], (r) => extensionOf.set(r.cls, r.objid, keyOf.extension(r.extname)));

    await each(EXTENSIONS, [], (r) => {
      const inScopeSchema = nsOids.includes(r.nsp);
      // A Supabase project's own extensions live in the platform's schemas (`extensions` mostly), and
      // the CLI's diff writes them: compared by name there too, all but the ones every project has.
      const platformPlaced = scope.profile === 'supabase' && !PLATFORM_EXTENSIONS.has(r.extname) && r.extname !== 'plpgsql';
      if (!inScopeSchema && !platformPlaced) {
        if (r.extname !== 'plpgsql') outside.push({ name: r.extname, schema: r.nspname });
        return;
      }
      const obj = own({ key: keyOf.extension(r.extname), deps: [] as string[], comment: null as string | null, kind: 'extension' as const, name: r.extname, schema: r.nspname, version: r.extversion, updatableTo: r.targets as string[], relocatable: r.extrelocatable === false ? false as const : undefined, standin: r.standin ? true : undefined }, r.owner);
      if (inScopeSchema) obj.deps.push(keyOf.schema(r.nspname));
      add(obj, 'pg_extension', r.oid);
    });
    // Members are not compared, but privileges granted or revoked on them are the user's (pg_dump keeps them).
    await each(EXTENSION_MEMBER_ROUTINE_GRANTS, [], (r) => {
      const ext = objects.get(keyOf.extension(r.extname));
      if (ext?.kind !== 'extension') return;
      const member = `${r.prokind === 'p' ? 'PROCEDURE' : 'FUNCTION'} ${qualified(r.nspname, r.proname)}(${r.argtypes})`;
      (ext.memberGrants ??= []).push({ member, initial: toGrants(r.initial), grants: toGrants(r.grants) });
    });
    for (const o of objects.values()) if (o.kind === 'extension' && o.memberGrants) o.memberGrants.sort((a, b) => cmp(a.member, b.member));
  },
};
