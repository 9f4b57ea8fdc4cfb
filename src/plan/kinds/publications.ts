/** Publications. */
import { ident, literal } from '../../catalog/keys.js';
import type { Publication } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { NO_PRIVILEGES, s, tableName, type KindSpec, type SqlContext, type Stmt } from './spec.js';

/** What a publication publishes, as CREATE / ALTER … SET write it; empty when nothing. */
function publicationObjects(p: Publication): string {
  const items: string[] = [];
  if (p.tables.length)
    items.push(
      'TABLE ' +
        p.tables
          .map((t) => `${tableName(t.table)}${t.columns ? ` (${t.columns.map(ident).join(', ')})` : ''}${t.where ? ` WHERE (${t.where})` : ''}`)
          .join(', '),
    );
  if (p.schemas.length) items.push('TABLES IN SCHEMA ' + p.schemas.map(ident).join(', '));
  return items.join(', ');
}

/** WITH options; `all` also spells out the defaults (ALTER … SET leaves unnamed options as they are). */
function publicationOptions(p: Publication, all = false): string {
  const opts = [`publish = ${literal(p.publish.join(', '))}`];
  if (p.viaRoot || all) opts.push(`publish_via_partition_root = ${p.viaRoot}`);
  return opts.join(', ');
}

function createPublication(p: Publication): string {
  const what = p.allTables ? 'ALL TABLES' : publicationObjects(p);
  return `CREATE PUBLICATION ${ident(p.name)}${what ? ' FOR ' + what : ''} WITH (${publicationOptions(p)});`;
}

/** A publication changed in place, so its subscriptions carry on. */
function alterPublication(b: Publication, a: Publication): Stmt[] {
  const name = ident(a.name);
  const out: Stmt[] = [];
  const what = publicationObjects(a);
  if (publicationObjects(b) !== what) {
    if (what) out.push(s(`ALTER PUBLICATION ${name} SET ${what};`));
    else {
      if (b.tables.length) out.push(s(`ALTER PUBLICATION ${name} DROP TABLE ${b.tables.map((t) => tableName(t.table)).join(', ')};`));
      if (b.schemas.length) out.push(s(`ALTER PUBLICATION ${name} DROP TABLES IN SCHEMA ${b.schemas.map(ident).join(', ')};`));
    }
  }
  if (b.publish.join() !== a.publish.join() || b.viaRoot !== a.viaRoot) out.push(s(`ALTER PUBLICATION ${name} SET (${publicationOptions(a, true)});`));
  return out;
}

/**
 * Tables whose change drops a column this publication lists: PostgreSQL refuses to drop a column
 * a publication names, so the publication lets go of it first (unless it also lists a column the
 * same change adds, which must exist before).
 */
function droppingListedColumns(b: Publication, a: Publication, ctx: SqlContext): string[] {
  const out: string[] = [];
  for (const pt of b.tables) {
    const was = ctx.from.objects[pt.table];
    const now = ctx.to.objects[pt.table];
    if (!pt.columns || was?.kind !== 'table' || now?.kind !== 'table') continue;
    const kept = new Set(now.columns.map((c) => c.name));
    if (!pt.columns.some((c) => !kept.has(c))) continue;
    const had = new Set(was.columns.map((c) => c.name));
    const listed = a.tables.find((x) => x.table === pt.table)?.columns ?? [];
    if (listed.every((c) => had.has(c))) out.push(pt.table);
  }
  return out;
}

export const publication: KindSpec<Publication> = {
  order: 16,
  diff: DIFF_RULES.publication,
  reference: (o) => ({ type: 'PUBLICATION', name: ident(o.name) }),
  relationNamespace: false,
  ownable: true,
  ...NO_PRIVILEGES,
  create: (o) => [s(createPublication(o))],
  drop: (o) => s(`DROP PUBLICATION ${ident(o.name)};`),
  alter: alterPublication,
  precedes: droppingListedColumns,
};
