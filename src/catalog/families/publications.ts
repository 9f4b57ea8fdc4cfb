/** Publications (CREATE PUBLICATION): their tables (with column lists and row filters) and schemas. */
import { keyOf } from '../keys.js';
import type { FamilyReader, Row } from '../reader.js';
import type { Publication } from '../types.js';

const PUBLICATIONS = `
SELECT p.oid::text AS oid, p.pubname, pg_get_userbyid(p.pubowner) AS owner, to_jsonb(p) AS j
FROM pg_publication p`;

const PUBLICATION_TABLES = `
SELECT r.prpubid::text AS pub, n.nspname, c.relname AS name, pg_get_expr(r.prqual, r.prrelid) AS qual,
  CASE WHEN r.prattrs IS NOT NULL THEN ARRAY(
    SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = r.prrelid AND a.attnum = ANY(r.prattrs) ORDER BY a.attnum) END AS cols
FROM pg_publication_rel r JOIN pg_class c ON c.oid = r.prrelid JOIN pg_namespace n ON n.oid = c.relnamespace
ORDER BY r.prpubid, n.nspname, c.relname`;

const PUBLICATION_SCHEMAS = `
SELECT s.pnpubid::text AS pub, n.nspname
FROM pg_publication_namespace s JOIN pg_namespace n ON n.oid = s.pnnspid
ORDER BY 1, 2`;

function byPublication(rows: Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const list = out.get(r.pub);
    if (list) list.push(r);
    else out.set(r.pub, [r]);
  }
  return out;
}

export const readPublications: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_publication)`,
  read: async (ctx) => {
    const tables = byPublication(await ctx.rows(PUBLICATION_TABLES));
    const schemas = byPublication(await ctx.rows(PUBLICATION_SCHEMAS));
    await ctx.each(PUBLICATIONS, [], (r) => {
      const j = r.j as Row;
      const publish = [j.pubinsert && 'insert', j.pubupdate && 'update', j.pubdelete && 'delete', j.pubtruncate && 'truncate'].filter(Boolean) as string[];
      const p: Publication = ctx.own(
        {
          key: keyOf.publication(r.pubname), deps: [] as string[], comment: null as string | null,
          kind: 'publication',
          name: r.pubname as string,
          allTables: j.puballtables === true,
          publish,
          viaRoot: j.pubviaroot === true,
          tables: (tables.get(r.oid) ?? []).map((t) => ({ table: keyOf.relation('table', t.nspname, t.name), columns: t.cols, where: t.qual })),
          schemas: (schemas.get(r.oid) ?? []).map((s) => s.nspname as string),
        },
        r.owner,
      );
      for (const t of p.tables) p.deps.push(t.table);
      for (const s of p.schemas) p.deps.push(keyOf.schema(s));
      ctx.add(p, 'pg_publication', r.oid);
    });
  },
};
