/**
 * The bulk catalog queries behind a snapshot: at most one per object kind,
 * each filtered by the in-scope namespace OIDs ($1) and, for Supabase, the
 * platform namespaces whose tables' RLS, triggers and policies are still
 * compared ($2). Read with search_path = '' so every name comes back
 * schema-qualified.
 * Every value a row carries costs the reader time (a fraction of a
 * microsecond, over hundreds of thousands of values), so values that are
 * nearly always the same come as NULL in that case, and the reader fills in
 * the usual value.
 */

/**
 * JSON array of [grantee, privilege, grantable] from an ACL. The owner's own privileges are
 * implicit and left out; one the owner has revoked from itself comes as ["", privilege, false]
 * (OWNER_LACKS in types.ts), found against acldefault(`ownerKind`, owner) (null: not looked for).
 */
export function grants(acl: string, defaultKind: string | null, owner: string, ownerKind: string | null = defaultKind): string {
  // A NULL ACL means the built-in default: nothing but the owner's, except PUBLIC's on functions and types.
  // NULL stands for no grants (cheaper to send and parse than '[]').
  const builtin = defaultKind === 'f' ? `'[["PUBLIC","EXECUTE",false]]'::json` : defaultKind === 'T' ? `'[["PUBLIC","USAGE",false]]'::json` : 'NULL::json';
  const lacks = ownerKind
    ? `
    UNION ALL SELECT json_build_array('', acl_d.privilege_type, false) FROM aclexplode(acldefault(${ownerKind}, ${owner})) acl_d
    WHERE acl_d.grantee = ${owner} AND NOT EXISTS (SELECT FROM aclexplode(${acl}) acl_o WHERE acl_o.grantee = ${owner} AND acl_o.privilege_type = acl_d.privilege_type)`
    : '';
  return `CASE WHEN ${acl} IS NULL THEN ${builtin} ELSE (SELECT json_agg(g) FROM (SELECT json_build_array(
      CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END, a.privilege_type, a.is_grantable) AS g
    FROM aclexplode(${acl}) a WHERE a.grantee <> ${owner}${lacks}) AS x) END`;
}

/** The server's version, and what its quote_ident needs (for text written as the server writes it). */
export const SERVER = `
SELECT current_setting('server_version_num') AS version, current_setting('quote_all_identifiers') AS quote_all,
  (SELECT array_agg(word) FROM pg_get_keywords() WHERE catcode <> 'U') AS reserved`;

export const NAMESPACES = `
SELECT n.oid::text AS oid, n.nspname, pg_get_userbyid(n.nspowner) AS owner,
  ${grants('n.nspacl', 'n', 'n.nspowner', `'n'`)} AS grants
FROM pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_toast' AND n.nspname !~ '^pg_temp'`;

export const COMMENTS = `
SELECT d.classoid::regclass::text AS cls, d.objoid::text AS objoid, d.objsubid, d.description
FROM pg_description d
WHERE d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass`;

/**
 * Dependencies between user objects (system ones, below FirstNormalObjectId, are always there).
 * Left out here rather than in JavaScript, as they are most of pg_depend's rows: 'i' (internal)
 * ones, which the resolver folds into their owner (a view's rule is the exception); 'a' (auto)
 * ones of a relation's parts on the relation itself (the reader adds those); and those on a
 * schema, which every object in one gets from its schema name.
 */
export const DEPENDS = `
SELECT d.classid::regclass::text AS cls, d.objid::text AS objid, d.refclassid::regclass::text AS refcls,
  d.refobjid::text AS refobjid
FROM pg_depend d
WHERE d.objid >= 16384 AND d.refobjid >= 16384 AND d.refclassid <> 'pg_namespace'::regclass
  AND (d.deptype = 'n'
    OR (d.deptype = 'i' AND d.classid = 'pg_rewrite'::regclass)
    OR (d.deptype = 'a' AND NOT (d.refclassid = 'pg_class'::regclass AND d.classid IN (
      'pg_class'::regclass, 'pg_attrdef'::regclass, 'pg_constraint'::regclass, 'pg_trigger'::regclass,
      'pg_policy'::regclass, 'pg_rewrite'::regclass))))`;

/** Security labels of objects and columns; those of objects out of scope are dropped by the reader. */
export const SECURITY_LABELS = `
SELECT l.classoid::regclass::text AS cls, l.objoid::text AS oid, l.objsubid, l.provider, l.label,
  pg_describe_object(l.classoid, l.objoid, l.objsubid) AS what
FROM pg_seclabel l
WHERE l.objoid >= 16384
ORDER BY l.provider`;
