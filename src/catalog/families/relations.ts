/**
 * Relations: tables (partitioned, partitions, foreign), views, materialized views and sequences, with
 * their columns, constraints and indexes (the pg_class family and what hangs off it).
 */
import { keyOf, qualified } from '../keys.js';
import { grants } from '../queries.js';
import { present, type CoreFamily, type Row } from '../reader.js';
import type { Column, Constraint, DomainConstraint, DomainType, Index, Sequence, Table, View } from '../types.js';

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

export const readRelations: CoreFamily = {
  statements: [
    { sql: RELATIONS, args: 'schemas, managed' },
    { sql: INHERITS, args: 'schemas' },
    { sql: COLUMNS, args: 'schemas' },
    { sql: CONSTRAINTS, args: 'schemas' },
    { sql: DEFAULT_OPCLASSES, args: 'none' },
    { sql: INDEXES_WITH_OPCLASS_OPTIONS, args: 'schemas' },
    { sql: INDEXES, args: 'schemas' },
    { sql: SEQUENCES, args: 'schemas' },
  ],
  read: async (ctx) => {
    const { each, add, own, member, resolve, objects, warnings, quote, nsOids, managedOids, grants: toGrants } = ctx;
    const { types, relations, tables, views, sequences, attnames, domainConstraints } = ctx.core;
    const params = [nsOids, managedOids];
    await each(RELATIONS, params, (r) => {
      if (member('pg_class', r.oid)) return;
      relations.set(r.oid, r);
      const owner = r.owner as string;
      // A sequence in a tablespace of its own is left out (no CREATE SEQUENCE takes one).
      if (r.tablespace && r.relkind === 'S') warnings.push(`sequence ${qualified(r.nspname, r.relname)} is in tablespace ${r.tablespace}: it is compared without it`);
      // A foreign table is a table with a server (read in families/foreign.ts).
      if (r.relkind === 'r' || r.relkind === 'p' || r.relkind === 'f') {
        const t: Table = own({
          key: keyOf.relation('table', r.nspname, r.relname), deps: [] as string[], comment: null as string | null,
          kind: 'table',
          schema: r.nspname,
          name: r.relname,
          partitioned: r.relkind === 'p',
          unlogged: r.relpersistence === 'u',
          partitionKey: r.partkey,
          partitionOf: null,
          partitionBound: r.bound,
          inherits: [],
          replicaIdentity: r.relreplident ?? 'd',
          replicaIdentityIndex: null,
          rowSecurity: r.relrowsecurity === true,
          forceRowSecurity: r.relforcerowsecurity === true,
          options: r.reloptions ?? [],
          accessMethod: r.amname,
          columns: [],
          grants: toGrants(r.grants),
          managed: r.managed === true,
        }, owner);
        if (r.tablespace && !r.managed) t.tablespace = r.tablespace;
        tables.set(r.oid, t);
        add(t, 'pg_class', r.oid);
        resolve.set('pg_type', r.reltype, t.key);
        if (r.reltypearray) resolve.set('pg_type', r.reltypearray, t.key);
      } else if (r.relkind === 'v' || r.relkind === 'm') {
        const kind = r.relkind === 'v' ? 'view' : 'matview';
        const v: View = own({
          key: keyOf.relation(kind, r.nspname, r.relname), deps: [] as string[], comment: null as string | null,
          kind,
          schema: r.nspname,
          name: r.relname,
          definition: r.viewdef,
          options: r.reloptions ?? [],
          columns: [],
          grants: toGrants(r.grants),
          populated: r.relispopulated !== false,
        }, owner);
        if (r.tablespace) v.tablespace = r.tablespace;
        views.set(r.oid, v);
        add(v, 'pg_class', r.oid);
        resolve.set('pg_type', r.reltype, v.key);
        if (r.reltypearray) resolve.set('pg_type', r.reltypearray, v.key);
      } else if (r.relkind === 'S') {
        const s: Sequence = own({
          key: keyOf.relation('sequence', r.nspname, r.relname), deps: [] as string[], comment: null as string | null,
          kind: 'sequence',
          schema: r.nspname,
          name: r.relname,
          type: '',
          start: '',
          increment: '',
          min: '',
          max: '',
          cache: '',
          cycle: false,
          unlogged: r.relpersistence === 'u',
          ownedBy: null,
          grants: toGrants(r.grants),
        }, owner);
        sequences.set(r.oid, s);
      }
    });

    /** Index OID → the partitioned index it is attached to. */
    const indexParent = new Map<string, string>();
    await each(INHERITS, [nsOids], (r) => {
      indexParent.set(r.child, r.parent);
      const child = tables.get(r.child);
      const parent = tables.get(r.parent);
      if (!child || !parent) return;
      if (child.partitionBound !== null) child.partitionOf = parent.key;
      else child.inherits.push(parent.key);
    });

    await each(COLUMNS, [nsOids], (r) => {
      let names = attnames.get(r.rel);
      if (!names) attnames.set(r.rel, (names = []));
      names[r.attnum] = r.attname;
      resolveAttrdef: if (r.defoid) {
        const rel = relations.get(r.rel);
        if (!rel) break resolveAttrdef;
        resolve.set('pg_attrdef', r.defoid, keyOf.relation(rel.relkind === 'v' ? 'view' : rel.relkind === 'm' ? 'matview' : 'table', rel.nspname, rel.relname));
      }
      const t = tables.get(r.rel);
      if (t) {
        const c: Column = {
          name: r.attname,
          type: r.type,
          notNull: r.attnotnull === true,
          default: r.def,
          identity: r.attidentity ?? '',
          generated: r.attgenerated ?? '',
          collation: r.collation,
          local: r.attislocal !== false,
          storage: r.storage,
          compression: r.compression,
          statistics: r.stattarget === null ? null : Number(r.stattarget),
          comment: null,
          grants: toGrants(r.grants),
        };
        t.columns[r.attnum - 1] = c;
        return;
      }
      const v = views.get(r.rel);
      if (v) {
        v.columns[r.attnum - 1] = { name: r.attname, type: r.type, comment: null, grants: toGrants(r.grants) };
        return;
      }
      const rel = relations.get(r.rel);
      if (rel?.relkind === 'c') {
        const ty = types.get(rel.reltype);
        if (ty?.type === 'composite') ty.attributes[r.attnum - 1] = { name: r.attname, type: r.type, collation: r.collation, comment: null };
      }
    });

    // Columns arrive in any order and were placed by attnum: close the gaps dropped ones leave
    // (index definitions still find them by attnum).
    const columnsByAttnum = new Map<string, Column[]>();
    for (const [oid, t] of tables) {
      columnsByAttnum.set(oid, t.columns);
      t.columns = t.columns.filter(present);
    }
    for (const v of views.values()) v.columns = v.columns.filter(present);
    for (const ty of types.values()) if (ty.type === 'composite') ty.attributes = ty.attributes.filter(present);
    // A partition's columns always come from its parent, whatever attislocal says after ATTACH.
    for (const t of tables.values()) if (t.partitionOf) for (const c of t.columns) c.local = false;

    // Constraints; the indexes behind PK/UNIQUE/EXCLUDE belong to them.
    const constraintIndexes = new Map<string, string>();
    /** Index OID of a constraint cloned onto a partition → the parent constraint's OID. */
    const clonedFrom = new Map<string, string>();
    const constraints = new Map<string, Constraint>();
    await each(CONSTRAINTS, [nsOids], (r) => {
      if (r.typ !== null) {
        const d = types.get(r.typ);
        if (d?.type === 'domain') {
          const dc: DomainConstraint = { name: r.conname, definition: r.def, validated: r.convalidated !== false };
          (d as DomainType).constraints.push(dc);
          domainConstraints.set(r.oid, dc);
          resolve.set('pg_constraint', r.oid, d.key);
        }
        return;
      }
      const t = tables.get(r.rel);
      if (!t) return;
      if (r.contype === 't') return; // constraint triggers are read as triggers
      if (r.parent !== null || r.conislocal === false) {
        // Cloned onto a partition / inherited: created with the parent's.
        resolve.set('pg_constraint', r.oid, t.key);
        if (['p', 'u', 'x'].includes(r.contype) && r.indid !== null) {
          constraintIndexes.set(r.indid, t.key);
          if (r.parent !== null) clonedFrom.set(r.indid, r.parent);
        }
        return;
      }
      if (['p', 'u', 'x'].includes(r.contype) && r.indid !== null) constraintIndexes.set(r.indid, keyOf.constraint(t.schema, t.name, r.conname));
      const c: Constraint = {
        key: keyOf.constraint(t.schema, t.name, r.conname), deps: [] as string[], comment: null as string | null,
        kind: 'constraint',
        schema: t.schema,
        table: t.key,
        tableName: t.name,
        name: r.conname,
        type: r.contype,
        definition: r.def,
        validated: r.convalidated !== false,
      };
      c.deps.push(t.key);
      constraints.set(r.oid, c);
      add(c, 'pg_constraint', r.oid);
    });

    const attached: Array<[Index, string]> = [];
    const defaultOpclass = new Map<string, { type: string; collation: string }>();
    await each(DEFAULT_OPCLASSES, [], (r) => defaultOpclass.set(r.oid, { type: r.type, collation: r.collation }));
    const withOpclassOptions = new Set<string>();
    await each(INDEXES_WITH_OPCLASS_OPTIONS, [nsOids], (r) => withOpclassOptions.add(r.oid));
    /**
     * pg_get_indexdef's text for an index of plain columns (its parts, see INDEXES), or null where
     * it would write more: an operator class that is not the default for exactly the column's
     * type (compared as format_type writes them, so a typmod, domain or binary-compatible type
     * is left to the server), a collation other than the column's, or operator class options.
     */
    const plainIndexDef = (r: Row, t: Table): string | null => {
      const columns = columnsByAttnum.get(r.rel);
      if (!columns || withOpclassOptions.has(r.oid)) return null;
      const parts = (r.parts as string).split(';');
      const keys = parts[1]!.split(' ');
      const opclasses = parts[2]!.split(' ');
      const collations = parts[3]!.split(' ');
      // the access method's name is last, and the only part that could hold a ';'
      const am = parts.slice(4).join(';');
      let list = '';
      for (let k = 0; k < keys.length; k++) {
        const c = columns[Number(keys[k]) - 1];
        const opclass = defaultOpclass.get(opclasses[k]!);
        if (!c || !opclass || opclass.type !== c.type) return null;
        // A column without COLLATE has its type's collation, which is the operator class type's here.
        if (collations[k] !== '0' && !(c.collation === null && collations[k] === opclass.collation)) return null;
        list += (k ? ', ' : '') + quote(c.name);
      }
      return `CREATE ${parts[0] === 'u' ? 'UNIQUE ' : ''}INDEX ${quote(r.relname)} ON ${quote(t.schema)}.${quote(t.name)} USING ${quote(am)} (${list})${r.pred === null ? '' : ' WHERE ' + r.pred}`;
    };
    /** Indexes whose definition only the server can write, asked for in one query. */
    const toDeparse = new Map<string, Index>();
    await each(INDEXES, [nsOids], (r) => {
      const rel = relations.get(r.rel);
      if (!rel || member('pg_class', r.oid)) return;
      const owner = constraintIndexes.get(r.oid);
      const t = tables.get(r.rel);
      if (r.indisclustered) {
        const clustered = t ?? views.get(r.rel);
        if (clustered) clustered.clusterOn = r.relname;
      }
      if (r.indisreplident && t) t.replicaIdentityIndex = r.relname;
      if (owner) {
        resolve.set('pg_class', r.oid, owner);
        const c = objects.get(owner);
        if (r.tablespace && c?.kind === 'constraint') c.indexTablespace = r.tablespace;
        else if (r.tablespace && c?.kind === 'table') {
          // A partition's copy of its parent's constraint is made in the parent index's tablespace.
          const parentKey = resolve.get('pg_constraint', clonedFrom.get(r.oid) ?? '');
          const parent = parentKey === undefined ? undefined : objects.get(parentKey);
          if (parent?.kind !== 'constraint' || parent.indexTablespace !== r.tablespace)
            warnings.push(`index ${qualified(rel.nspname, r.relname)} of a constraint copied onto a partition is in tablespace ${r.tablespace}: it is compared without it`);
        }
        return;
      }
      const relKey = t?.key ?? views.get(r.rel)?.key;
      if (!relKey) return;
      const def: string | null = r.parts === null ? r.def : t ? plainIndexDef(r, t) : null;
      const i: Index = {
        key: keyOf.relation('index', rel.nspname, r.relname), deps: [] as string[], comment: null as string | null,
        kind: 'index',
        schema: rel.nspname,
        name: r.relname,
        table: relKey,
        definition: def ?? '',
        parentIndex: null,
      };
      if (r.tablespace) i.tablespace = r.tablespace;
      if (def === null) toDeparse.set(r.oid, i);
      i.deps.push(relKey);
      add(i, 'pg_class', r.oid);
      if (r.relispartition) attached.push([i, r.oid]);
    });
    // It runs after the batch: awaited only at the end, so the batch's other rows are read meanwhile.
    if (toDeparse.size) ctx.core.defer(each(INDEX_DEFS, [[...toDeparse.keys()]], (r) => (toDeparse.get(r.oid)!.definition = r.def)));
    // A partition's index attached to its parent's: the parent is created after it (and attaches it).
    for (const [child, oid] of attached) {
      const parentKey = resolve.get('pg_class', indexParent.get(oid)!);
      const parent = parentKey ? objects.get(parentKey) : undefined;
      if (parent?.kind !== 'index') continue;
      child.parentIndex = parent.key;
      parent.deps.push(child.key);
    }

    await each(SEQUENCES, [nsOids], (r) => {
      const s = sequences.get(r.oid);
      if (!s) return;
      const ownerTable = r.ownerrel ? tables.get(r.ownerrel) : undefined;
      if (r.deptype === 'i') {
        // An identity column's sequence: part of the column.
        if (ownerTable) {
          resolve.set('pg_class', r.oid, ownerTable.key);
          const column = ownerTable.columns.find((c) => c.name === r.ownercol);
          if (column)
            column.identitySequence = { name: s.name, start: r.start, increment: r.increment, min: r.min, max: r.max, cache: r.cache, cycle: r.seqcycle };
        }
        return;
      }
      Object.assign(s, { type: r.type, start: r.start, increment: r.increment, min: r.min, max: r.max, cache: r.cache, cycle: r.seqcycle });
      if (ownerTable) s.ownedBy = { table: ownerTable.key, column: r.ownercol };
      add(s, 'pg_class', r.oid);
    });
  },
};
