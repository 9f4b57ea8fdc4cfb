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

export const RELATIONS = `
SELECT c.oid::text AS oid, n.nspname, c.relname, c.relkind,
  nullif(c.relpersistence, 'p') AS relpersistence, pg_get_expr(c.relpartbound, c.oid) AS bound,
  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
  nullif(c.relreplident, 'd') AS relreplident, nullif(c.relrowsecurity, false) AS relrowsecurity,
  nullif(c.relforcerowsecurity, false) AS relforcerowsecurity, c.reloptions, nullif(am.amname, 'heap') AS amname,
  c.reltype::text AS reltype, nullif(rt.typarray, 0)::text AS reltypearray, nullif(c.relispopulated, true) AS relispopulated,
  pg_get_userbyid(c.relowner) AS owner,
  CASE WHEN c.relkind IN ('r', 'p', 'v', 'm', 'f') THEN ${grants('c.relacl', 'r', 'c.relowner', `'r'`)}
       WHEN c.relkind = 'S' THEN ${grants('c.relacl', 's', 'c.relowner', `'s'`)} END AS grants,
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS viewdef,
  nullif(c.relnamespace = ANY($2::oid[]), false) AS managed, ts.spcname AS tablespace
FROM pg_class c
LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_am am ON am.oid = c.relam
LEFT JOIN pg_type rt ON rt.oid = c.reltype
WHERE (c.relnamespace = ANY($1::oid[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c'))
   OR (c.relnamespace = ANY($2::oid[]) AND c.relkind IN ('r', 'p'))`;

export const INHERITS = `
SELECT i.inhrelid::text AS child, i.inhparent::text AS parent, i.inhseqno
FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE c.relnamespace = ANY($1::oid[])
ORDER BY i.inhrelid, i.inhseqno`;

export const COLUMNS = `
SELECT a.attrelid::text AS rel, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type, nullif(a.attnotnull, false) AS attnotnull,
  -- a default cannot use columns, so it deparses without opening its table (half the cost); a
  -- generated column's expression does use them
  pg_get_expr(d.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END) AS def, d.oid::text AS defoid,
  nullif(a.attidentity, '') AS attidentity, nullif(a.attgenerated, '') AS attgenerated,
  CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0
       THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
  nullif(a.attislocal, true) AS attislocal, ${grants('a.attacl', null, 'c.relowner', null)} AS grants,
  CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END AS storage,
  nullif(a.attcompression, '') AS compression, nullif(a.attstattarget, -1) AS stattarget
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE c.relnamespace = ANY($1::oid[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
  AND a.attnum > 0 AND NOT a.attisdropped`;

/** A constraint a partition or child table gets from its parent is created with the parent's: no definition. */
export const CONSTRAINTS = `
SELECT co.oid::text AS oid, co.conname, co.contype, co.conrelid::text AS rel, nullif(co.contypid, 0)::text AS typ,
  CASE WHEN co.conparentid = 0 AND co.conislocal THEN pg_get_constraintdef(co.oid) END AS def,
  nullif(co.convalidated, true) AS convalidated,
  nullif(co.conindid, 0)::text AS indid, nullif(co.conislocal, true) AS conislocal,
  nullif(co.conparentid, 0)::text AS parent
FROM pg_constraint co
WHERE co.connamespace = ANY($1::oid[])
ORDER BY co.conrelid, co.contypid, co.conname`;

/**
 * Indexes. pg_get_indexdef is the costliest call of a snapshot (it searches pg_opclass for every
 * column's default), so it runs only where needed:
 * - an index behind a PRIMARY KEY or EXCLUDE constraint is the constraint's: neither def nor parts;
 * - an index of plain columns in the default order, maybe partial, comes in parts
 *   ("u|-;attnums;opclasses;collations;am", and pred): the reader writes its definition as
 *   pg_get_indexdef does when every operator class and collation is the column's default, and
 *   asks INDEX_DEFS for the others;
 * - any other index is deparsed here (def).
 * Every value a row carries costs the reader time, so the parts come as one, and flags that are
 * mostly false come as NULL.
 */
export const INDEXES = `
-- (an index is in its table's schema: the reader takes the name from there)
SELECT i.indexrelid::text AS oid, i.indrelid::text AS rel, c.relname,
  CASE WHEN h.how IS NULL THEN pg_get_indexdef(i.indexrelid) END AS def,
  CASE WHEN h.how = 'p' THEN CASE WHEN i.indisunique THEN 'u;' ELSE '-;' END || i.indkey::text || ';'
    || i.indclass::text || ';' || i.indcollation::text || ';' || am.amname END AS parts,
  CASE WHEN h.how = 'p' THEN pg_get_expr(i.indpred, i.indrelid) END AS pred,
  nullif(c.relispartition, false) AS relispartition, nullif(i.indisreplident, false) AS indisreplident,
  nullif(i.indisclustered, false) AS indisclustered, ts.spcname AS tablespace
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_am am ON am.oid = c.relam
LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
JOIN pg_class t ON t.oid = i.indrelid
CROSS JOIN LATERAL (SELECT CASE
    WHEN i.indisprimary OR i.indisexclusion THEN 'c'
    WHEN c.relkind = 'i' AND i.indnkeyatts = i.indnatts AND i.indexprs IS NULL AND NOT i.indnullsnotdistinct
      AND c.reloptions IS NULL AND 0 = ALL (i.indoption::int2[]) THEN 'p' END AS how) h
WHERE t.relnamespace = ANY($1::oid[]) AND t.relkind IN ('r', 'p', 'm')`;

/** Default operator classes: the type each is for (as format_type writes it) and its collation. */
export const DEFAULT_OPCLASSES = `
SELECT oc.oid::text AS oid, format_type(oc.opcintype, NULL) AS type, t.typcollation::text AS collation
FROM pg_opclass oc JOIN pg_type t ON t.oid = oc.opcintype
WHERE oc.opcdefault`;

/**
 * Indexes with operator class options on a column (pg_get_indexdef writes those). A query of its
 * own: asked per index inside INDEXES, it cost that query 100 ms more on the bench schema.
 */
export const INDEXES_WITH_OPCLASS_OPTIONS = `
SELECT DISTINCT a.attrelid::text AS oid
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE a.attoptions IS NOT NULL AND c.relkind = 'i' AND c.relnamespace = ANY($1::oid[])`;

export const INDEX_DEFS = `
SELECT o::text AS oid, pg_get_indexdef(o) AS def FROM unnest($1::oid[]) AS o`;

export const SEQUENCES = `
SELECT s.seqrelid::text AS oid, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start,
  s.seqincrement::text AS increment, s.seqmax::text AS max, s.seqmin::text AS min, s.seqcache::text AS cache,
  s.seqcycle, d.refobjid::text AS ownerrel, a.attname AS ownercol, d.deptype
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid
  AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE c.relnamespace = ANY($1::oid[])`;

export const FUNCTIONS = `
SELECT p.oid::text AS oid, n.nspname, p.proname, p.prokind, oidvectortypes(p.proargtypes) AS argtypes,
  pg_get_function_identity_arguments(p.oid) AS identargs, pg_get_function_arguments(p.oid) AS args,
  pg_get_function_result(p.oid) AS result,
  CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS def,
  pg_get_userbyid(p.proowner) AS owner, ${grants('p.proacl', 'f', 'p.proowner', `'f'`)} AS grants,
  CASE WHEN p.prokind = 'a' THEN (
    SELECT json_build_object(
      'sfunc', g.aggtransfn::regproc::text, 'stype', format_type(g.aggtranstype, NULL),
      'sspace', g.aggtransspace, 'finalfunc', nullif(g.aggfinalfn, 0)::regproc::text,
      'finalfunc_extra', g.aggfinalextra, 'finalfunc_modify', g.aggfinalmodify,
      'combinefunc', nullif(g.aggcombinefn, 0)::regproc::text,
      'serialfunc', nullif(g.aggserialfn, 0)::regproc::text,
      'deserialfunc', nullif(g.aggdeserialfn, 0)::regproc::text, 'initcond', g.agginitval,
      'msfunc', nullif(g.aggmtransfn, 0)::regproc::text, 'minvfunc', nullif(g.aggminvtransfn, 0)::regproc::text,
      'mstype', CASE WHEN g.aggmtranstype <> 0 THEN format_type(g.aggmtranstype, NULL) END,
      'msspace', g.aggmtransspace, 'mfinalfunc', nullif(g.aggmfinalfn, 0)::regproc::text,
      'mfinalfunc_extra', g.aggmfinalextra, 'mfinalfunc_modify', g.aggmfinalmodify,
      'minitcond', g.aggminitval, 'sortop', nullif(g.aggsortop, 0)::regoperator::text,
      'kind', g.aggkind, 'parallel', p.proparallel)
    FROM pg_aggregate g WHERE g.aggfnoid = p.oid) END AS agg
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.pronamespace = ANY($1::oid[])
  -- range and multirange constructors belong to their type
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i')`;



export const TYPES = `
SELECT t.oid::text AS oid, n.nspname, t.typname, t.typtype, t.typarray::text AS arr, t.typrelid::text AS rel,
  CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base,
  t.typnotnull, pg_get_expr(t.typdefaultbin, 0) AS def,
  CASE WHEN t.typcollation <> 0 AND t.typcollation <> coalesce(bt.typcollation, 0)
       THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
  pg_get_userbyid(t.typowner) AS owner, ${grants('t.typacl', 'T', 't.typowner', `'T'`)} AS grants,
  rc.relkind, t.typisdefined,
  -- a base type's definition (regproc writes a function qualified, search_path being empty)
  CASE WHEN t.typtype = 'b' THEN json_build_array(t.typinput::regproc::text, t.typoutput::regproc::text,
    nullif(t.typreceive, 0)::regproc::text, nullif(t.typsend, 0)::regproc::text, nullif(t.typmodin, 0)::regproc::text,
    nullif(t.typmodout, 0)::regproc::text, nullif(t.typanalyze, 0)::regproc::text, nullif(t.typsubscript, 0)::regproc::text,
    t.typlen, t.typbyval, t.typalign, t.typstorage, t.typcategory, t.typispreferred, t.typdefault,
    CASE WHEN t.typelem <> 0 THEN format_type(t.typelem, NULL) END, t.typdelim, t.typcollation <> 0) END AS basedef
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_class rc ON rc.oid = t.typrelid
WHERE t.typnamespace = ANY($1::oid[])
  AND NOT (t.typcategory = 'A' AND t.typsubscript = 'array_subscript_handler'::regproc)
  -- a relation's row type is the relation's (RELATIONS), unless the relation is a composite type
  AND (t.typtype <> 'c' OR rc.relkind = 'c')`;

export const ENUM_LABELS = `
SELECT e.enumtypid::text AS typ, e.enumlabel
FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
WHERE t.typnamespace = ANY($1::oid[])
ORDER BY e.enumtypid, e.enumsortorder`;

export const RANGES = `
SELECT r.rngtypid::text AS typ, format_type(r.rngsubtype, NULL) AS subtype,
  CASE WHEN NOT oc.opcdefault THEN quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) END AS opclass,
  CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation
       THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
  nullif(r.rngcanonical, 0)::regproc::text AS canonical, nullif(r.rngsubdiff, 0)::regproc::text AS subdiff,
  format_type(r.rngmultitypid, NULL) AS multirange, r.rngmultitypid::text AS multioid
FROM pg_range r
JOIN pg_type t ON t.oid = r.rngtypid
JOIN pg_type st ON st.oid = r.rngsubtype
JOIN pg_opclass oc ON oc.oid = r.rngsubopc
JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
LEFT JOIN pg_collation co ON co.oid = r.rngcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE t.typnamespace = ANY($1::oid[])`;








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
