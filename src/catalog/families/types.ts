/** Types: enums, domains, composites, ranges, base and shell types. Array and row types resolve to their element / table. */
import { keyOf } from '../keys.js';
import { grants } from '../queries.js';
import type { CoreFamily } from '../reader.js';
import type { Type } from '../types.js';

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

export const readTypes: CoreFamily = {
  statements: [
    { sql: TYPES, args: 'schemas' },
    { sql: ENUM_LABELS, args: 'schemas' },
    { sql: RANGES, args: 'schemas' },
  ],
  read: async (ctx) => {
    const { each, add, own, member, resolve, nsOids, grants: toGrants } = ctx;
    const { extensionOf, types } = ctx.core;
    await each(TYPES, [nsOids], (r) => {
      if (member('pg_type', r.oid)) {
        if (r.arr !== '0') extensionOf.set('pg_type', r.arr, extensionOf.get('pg_type', r.oid)!);
        return;
      }
      const key = keyOf.type(r.nspname, r.typname);
      const common = { key, deps: [] as string[], comment: null as string | null, kind: 'type' as const, schema: r.nspname, name: r.typname, grants: toGrants(r.grants) };
      let t: Type | null = null;
      if (r.typtype === 'e') t = { ...common, type: 'enum', labels: [] };
      else if (r.typtype === 'd')
        t = { ...common, type: 'domain', base: r.base, notNull: r.typnotnull, default: r.def, collation: r.collation, constraints: [] };
      else if (r.typtype === 'c' && r.relkind === 'c') {
        t = { ...common, type: 'composite', attributes: [] };
        resolve.set('pg_class', r.rel, key);
      } else if (r.typtype === 'r')
        t = { ...common, type: 'range', subtype: '', opclass: null, collation: null, canonical: null, subdiff: null, multirange: null };
      else if (r.typtype === 'b' && r.basedef) {
        const [input, output, receive, send, typmodIn, typmodOut, analyze, subscript, len, byval, align, storage, category, preferred, def, element, delim, collatable] = r.basedef;
        t = {
          ...common, type: 'base', input, output, receive, send, typmodIn, typmodOut, analyze, subscript,
          internalLength: len, passedByValue: byval, alignment: align, storage, category, preferred, default: def, element, delimiter: delim, collatable,
        };
      } else if (r.typtype === 'p' && r.typisdefined === false) t = { ...common, type: 'shell' };
      else return;
      own(t, r.owner);
      types.set(r.oid, t);
      add(t, 'pg_type', r.oid);
      if (r.arr !== '0') resolve.set('pg_type', r.arr, key);
    });
    await each(ENUM_LABELS, [nsOids], (r) => {
      const t = types.get(r.typ);
      if (t?.type === 'enum') t.labels.push(r.enumlabel);
    });
    await each(RANGES, [nsOids], (r) => {
      const t = types.get(r.typ);
      if (t?.type !== 'range') return;
      Object.assign(t, { subtype: r.subtype, opclass: r.opclass, collation: r.collation, canonical: r.canonical, subdiff: r.subdiff, multirange: r.multirange });
      resolve.set('pg_type', r.multioid, t.key);
    });
  },
};
