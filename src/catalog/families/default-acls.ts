/** Default privileges (ALTER DEFAULT PRIVILEGES): global ones, and those of schemas in scope. */
import { keyOf } from '../keys.js';
import { grants } from '../queries.js';
import type { FamilyReader } from '../reader.js';
import type { DefaultAcl, DefaultPrivilegeType } from '../types.js';

/**
 * Global ones replace the built-in defaults, so the role's own entries are read against those
 * (grants()); a schema's add to the global ones, so every entry counts, the role's own included.
 */
const DEFAULT_ACLS = `
SELECT d.oid::text AS oid, pg_get_userbyid(d.defaclrole) AS role, d.defaclnamespace::text AS nsp, n.nspname, d.defaclobjtype,
  CASE WHEN d.defaclnamespace = 0
    THEN ${grants('d.defaclacl', null, 'd.defaclrole', `CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END::"char"`)}
    ELSE (SELECT json_agg(json_build_array(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END, a.privilege_type, a.is_grantable))
      FROM aclexplode(d.defaclacl) a) END AS grants
FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace`;

const OBJECT_TYPES: Record<string, DefaultPrivilegeType> = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' };

export const readDefaultAcls: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_default_acl)`,
  read: async (ctx) => {
    await ctx.each(DEFAULT_ACLS, [], (r) => {
      if (r.nsp !== '0' && !ctx.nsOids.includes(r.nsp)) return;
      const objectType = OBJECT_TYPES[r.defaclobjtype]!;
      const schema = r.nsp === '0' ? null : (r.nspname as string);
      const d: DefaultAcl = {
        key: keyOf.defaultAcl(r.role, schema, objectType), deps: schema ? [keyOf.schema(schema)] : [], comment: null as string | null,
        kind: 'default_acl',
        role: r.role as string,
        schema,
        objectType,
        grants: ctx.grants(r.grants),
      };
      ctx.add(d, 'pg_default_acl', r.oid);
    });
  },
};
