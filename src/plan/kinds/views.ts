/** Views and materialized views. */
import { ident, qualified } from '../../catalog/keys.js';
import type { View } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { h, s, type KindSpec, type Stmt } from './spec.js';
import { clusterChange, columnMeta, setTablespace } from './tables.js';

function viewBody(v: View): string {
  return v.definition.trim().replace(/;$/, '');
}

function createView(v: View): string {
  const name = qualified(v.schema, v.name);
  const withOpts = v.options.length ? ` WITH (${v.options.join(', ')})` : '';
  if (v.kind === 'view') return `CREATE VIEW ${name}${withOpts} AS\n${viewBody(v)};`;
  const tablespace = v.tablespace ? ` TABLESPACE ${ident(v.tablespace)}` : '';
  return `CREATE MATERIALIZED VIEW ${name}${withOpts}${tablespace} AS\n${viewBody(v)}\nWITH ${v.populated ? '' : 'NO '}DATA;`;
}

/** Option names in `before` and not in `after` (RESET takes names). */
function goneOptions(before: View, after: View): string[] {
  return before.options.map((o) => o.split('=')[0]!).filter((o) => !after.options.some((x) => x.split('=')[0] === o));
}

export const view: KindSpec<View> = {
  order: 10,
  diff: DIFF_RULES.view,
  reference: (o) => ({ type: 'VIEW', name: qualified(o.schema, o.name) }),
  relationNamespace: true,
  ownable: true,
  grantTarget: (o) => `TABLE ${qualified(o.schema, o.name)}`,
  defaultPrivileges: 'TABLES',
  builtinGrants: [],
  create: (o) => [s(createView(o))],
  drop: (o) => s(`DROP VIEW ${qualified(o.schema, o.name)};`),
  alter: (b, after) => {
    const out: Stmt[] = [];
    if (b.definition !== after.definition || b.options.join() !== after.options.join()) {
      const withOpts = after.options.length ? ` WITH (${after.options.join(', ')})` : '';
      const name = qualified(after.schema, after.name);
      out.push(s(`CREATE OR REPLACE VIEW ${name}${withOpts} AS\n${viewBody(after)};`));
      const gone = goneOptions(b, after);
      if (gone.length) out.push(s(`ALTER VIEW ${name} RESET (${gone.join(', ')});`));
    }
    return out;
  },
  partMeta: columnMeta,
};

export const matview: KindSpec<View> = {
  order: 11,
  diff: DIFF_RULES.matview,
  reference: (o) => ({ type: 'MATERIALIZED VIEW', name: qualified(o.schema, o.name) }),
  relationNamespace: true,
  ownable: true,
  grantTarget: (o) => `TABLE ${qualified(o.schema, o.name)}`,
  defaultPrivileges: 'TABLES',
  builtinGrants: [],
  create: (o) => [s(createView(o))],
  drop: (o) => s(`DROP MATERIALIZED VIEW ${qualified(o.schema, o.name)};`, h('deletes_data', `drops materialized view ${qualified(o.schema, o.name)} and its stored rows`)),
  alter: (b, after, ctx) => {
    const out: Stmt[] = [];
    const name = qualified(after.schema, after.name);
    if (b.options.join() !== after.options.join()) {
      if (after.options.length) out.push(s(`ALTER MATERIALIZED VIEW ${name} SET (${after.options.join(', ')});`));
      const gone = goneOptions(b, after);
      if (gone.length) out.push(s(`ALTER MATERIALIZED VIEW ${name} RESET (${gone.join(', ')});`));
    }
    out.push(...setTablespace(`ALTER MATERIALIZED VIEW ${name}`, b.tablespace, after.tablespace, 'rewrites_table'), ...clusterChange(b, after, ctx));
    return out;
  },
  partMeta: columnMeta,
};
