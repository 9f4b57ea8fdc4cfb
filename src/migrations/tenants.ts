/**
 * Schema-per-tenant: the project's migrations are written against one
 * schema (the template) with unqualified names, and run once per tenant
 * schema with search_path set to that schema. This module judges whether a
 * migration can run that way (from libpg-query's parse trees, never from
 * the text) and keeps the history per tenant schema.
 */
import type { Client } from '../db/connection.js';
import { DbalignError } from '../errors.js';
import type { LoadedMigration } from './files.js';
import type { HistoryRow } from './history.js';
import { loadParser, parseTrees } from './sql.js';

/**
 * One row per tenant schema and version, in dbalign's own schema: the
 * Supabase history table stays as the Supabase CLI knows it, and nothing is
 * added inside a tenant schema (where a Rails or Django app may have a
 * `schema_migrations` of its own).
 */
export const TENANT_HISTORY_TABLE = 'dbalign.tenant_schema_migrations';

export interface Tenancy {
  /** The schema the migration files are written against. */
  template: string;
  /** Schemas every tenant shares (on the search_path after the tenant's own, qualified references allowed). */
  shared: string[];
}

/** The search_path a tenant's migrations run with: its own schema first, then the shared ones. */
export function tenantSearchPath(schema: string, tenancy: Tenancy): string {
  return [schema, ...tenancy.shared.filter((s) => s !== schema)].map(quoteIdent).join(', ');
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Languages whose function bodies are SQL the parser reads; others (plpgsql) are searched for the template's name. */
const SQL_LANGUAGES = new Set(['sql']);

/**
 * Why statement `sql` cannot run per tenant, or undefined. Refused: a
 * qualified reference to the template schema (it would reach the template,
 * not the tenant), CREATE SCHEMA, CREATE EXTENSION (extensions are per
 * database: the shared migrations create them), and SET search_path
 * outside a function (it would take the migration out of the tenant).
 */
export function tenantStatementProblem(sql: string, tenancy: Tenancy): string | undefined {
  const t = tenancy.template;
  for (const tree of parseTrees(sql)) {
    const kind = Object.keys(tree)[0]!;
    const node = tree[kind] as Record<string, any>;
    if (kind === 'CreateSchemaStmt') return `creates schema "${node.schemaname}": a tenant migration creates objects in its tenant's schema, which dbalign creates`;
    if (kind === 'CreateExtensionStmt') return `creates extension "${node.extname}": extensions are per database, not per schema; create it once in a shared schema`;
    if (kind === 'VariableSetStmt' && node.name === 'search_path') return 'sets search_path: dbalign sets it to each tenant\'s schema; remove the SET';
    const found = findTemplateReference(tree, t);
    if (found) return found;
  }
  return undefined;
}

function findTemplateReference(node: unknown, t: string): string | undefined {
  if (Array.isArray(node)) {
    // A dotted name (function, type, operator, object of COMMENT/GRANT …): a list of String nodes.
    if (node.length >= 2 && node.every((x) => x && typeof x === 'object' && 'String' in x) && node[0].String.sval === t) {
      return `names "${node.map((x: any) => x.String.sval).join('.')}" with the template schema: write it unqualified, so it resolves to each tenant's own`;
    }
    for (const x of node) {
      const r = findTemplateReference(x, t);
      if (r) return r;
    }
    return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  const o = node as Record<string, any>;
  if (typeof o.schemaname === 'string' && o.schemaname === t) {
    return `names "${t}.${o.relname ?? o.name ?? ''}" with the template schema: write it unqualified, so it resolves to each tenant's own`;
  }
  // A string naming the template (a regclass literal, a function's SET search_path).
  if (o.A_Const?.sval && typeof o.A_Const.sval.sval === 'string') {
    const v = o.A_Const.sval.sval as string;
    if (v === t || v.startsWith(`${t}.`) || v.startsWith(`"${t}".`)) return `names the template schema in the string '${v}': use the unqualified name`;
  }
  if (o.CreateFunctionStmt) {
    const opts = (o.CreateFunctionStmt.options ?? []).map((d: any) => d.DefElem).filter(Boolean);
    const language = opts.find((d: any) => d.defname === 'language')?.arg?.String?.sval ?? 'sql';
    const body = opts.find((d: any) => d.defname === 'as')?.arg?.List?.items?.[0]?.String?.sval;
    if (typeof body === 'string') {
      const r = bodyReference(body, String(language).toLowerCase(), t);
      if (r) return r;
    }
  }
  if (o.DoStmt) {
    const args = (o.DoStmt.args ?? []).map((d: any) => d.DefElem).filter(Boolean);
    const body = args.find((d: any) => d.defname === 'as')?.arg?.String?.sval;
    const language = args.find((d: any) => d.defname === 'language')?.arg?.String?.sval ?? 'plpgsql';
    if (typeof body === 'string') {
      const r = bodyReference(body, String(language).toLowerCase(), t);
      if (r) return r;
    }
  }
  for (const [k, v] of Object.entries(o)) {
    if (k === 'location') continue;
    const r = findTemplateReference(v, t);
    if (r) return r;
  }
  return undefined;
}

/** A function or DO body: SQL bodies are parsed; other languages are looked through for `template.` as a qualifier. */
function bodyReference(body: string, language: string, t: string): string | undefined {
  if (SQL_LANGUAGES.has(language)) {
    try {
      for (const tree of parseTrees(body)) {
        const r = findTemplateReference(tree, t);
        if (r) return `its function body ${r}`;
      }
      return undefined;
    } catch {
      // A body the parser cannot read as SQL alone: fall back to the search below.
    }
  }
  const escaped = t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const qualified = new RegExp(`(^|[^A-Za-z0-9_$"])("${escaped}"|${escaped})\\s*\\.`);
  if (qualified.test(body)) return `has a ${language} body that qualifies a name with the template schema "${t}": write it unqualified (or qualify with a shared schema)`;
  return undefined;
}

/** Every migration checked; the first that cannot run per tenant is refused in one line. */
export async function assertTenantMigrations(migrations: readonly LoadedMigration[], tenancy: Tenancy): Promise<void> {
  await loadParser();
  for (const m of migrations) {
    for (const s of m.statements) {
      if (s.kind === '') continue;
      const problem = tenantStatementProblem(s.sql, tenancy);
      if (problem) {
        throw new DbalignError(`${m.file} line ${s.line} ${problem} (tenant migrations run once per tenant schema with search_path set to it)`);
      }
    }
  }
}

/** Creates dbalign's tenant history table when missing; inside the caller's transaction. */
export async function ensureTenantHistory(client: Client): Promise<void> {
  const present = await client.query<{ t: string | null }>(`SELECT to_regclass('${TENANT_HISTORY_TABLE}')::text AS t`);
  if (present.rows[0]!.t) return;
  await client.query(`SELECT set_config('dbalign.applying', 'on', true)`);
  await client.query('CREATE SCHEMA IF NOT EXISTS dbalign');
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${TENANT_HISTORY_TABLE} (
       schema_name text NOT NULL,
       version text NOT NULL,
       name text,
       statements text[],
       applied_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (schema_name, version))`,
  );
}

/** The history of one tenant schema; none when the table does not exist yet. */
export async function readTenantHistory(client: Client, schema: string): Promise<HistoryRow[]> {
  const present = await client.query<{ t: string | null }>(`SELECT to_regclass('${TENANT_HISTORY_TABLE}')::text AS t`);
  if (!present.rows[0]!.t) return [];
  return (await client.query<HistoryRow>(`SELECT version, name, statements FROM ${TENANT_HISTORY_TABLE} WHERE schema_name = $1`, [schema])).rows;
}

/** Records a migration for one tenant; another run that recorded it meanwhile makes this fail (and its transaction roll back). */
export async function insertTenantMigration(client: Client, schema: string, row: HistoryRow): Promise<void> {
  const res = await client.query(
    `INSERT INTO ${TENANT_HISTORY_TABLE} (schema_name, version, name, statements) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [schema, row.version, row.name, row.statements],
  );
  if (res.rowCount !== 1) throw new DbalignError(`migration ${row.version} was recorded for schema ${schema} by another run meanwhile: check it again and rerun`);
}
