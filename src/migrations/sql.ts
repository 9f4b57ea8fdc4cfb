/**
 * Splits and classifies SQL with PostgreSQL's own parser (libpg_query, as
 * WebAssembly), so dollar quotes, BEGIN ATOMIC bodies, nested comments and
 * E'' strings are never cut in the wrong place.
 */
import { DbalignError } from '../errors.js';

export interface Statement {
  /** The statement's text, trimmed, without its terminating semicolon. */
  sql: string;
  /** The parse node's type, e.g. `CreateStmt`, `IndexStmt`. */
  kind: string;
  /** 1-based line where the statement starts in its file. */
  line: number;
  /** Why it cannot run inside a transaction block, when it cannot. */
  nonTransactional?: string;
}

let loaded: Promise<void> | undefined;
let parseSync: typeof import('libpg-query').parseSync;

/**
 * Loads the parser once; every function here needs it. Imported here, not at the top: commands
 * that parse no SQL (diff, snapshot) do not pay for loading it.
 */
export function loadParser(): Promise<void> {
  loaded ??= import('libpg-query').then(async (m) => {
    await m.loadModule();
    parseSync = m.parseSync;
  });
  return loaded;
}

interface RawStmt {
  stmt: Record<string, any>;
  stmt_location?: number;
  stmt_len?: number;
}

export class SqlSyntaxError extends DbalignError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

function lineAndColumn(text: string, charOffset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < charOffset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: charOffset - last };
}

/** Parses `text`; throws SqlSyntaxError with line and column on bad SQL. */
function parseRaw(text: string, source: string): RawStmt[] {
  if (!loaded) throw new Error('loadParser() must be awaited first');
  // The parser refuses an empty query; a file of comments alone has no statements.
  if (!/\S/.test(text)) return [];
  try {
    return (parseSync(text).stmts ?? []) as RawStmt[];
  } catch (err) {
    if (/cannot be empty/i.test((err as Error).message)) return [];
    const details = (err as { sqlDetails?: { message: string; cursorPosition: number } }).sqlDetails;
    const message = details?.message ?? (err as Error).message;
    // cursorPosition counts characters of the input from 0.
    const pos = details ? lineAndColumn(text, Math.max(0, details.cursorPosition)) : { line: 1, column: 1 };
    throw new SqlSyntaxError(
      `${source}: syntax error at line ${pos.line}, column ${pos.column}: ${message}; fix the SQL and run again`,
      pos.line,
      pos.column,
    );
  }
}

/** Splits a file's SQL into statements. Requires loadParser(). */
export function splitStatements(text: string, source = 'SQL'): Statement[] {
  const raw = parseRaw(text, source);
  // libpg_query reports byte offsets into the UTF-8 encoding.
  const bytes = Buffer.from(text, 'utf8');
  const out: Statement[] = [];
  for (const r of raw) {
    const start = r.stmt_location ?? 0;
    const end = r.stmt_len ? start + r.stmt_len : bytes.length;
    const chunk = bytes.subarray(start, end).toString('utf8');
    const sql = trimStatement(chunk);
    if (!sql) continue;
    const leading = chunk.length - chunk.trimStart().length;
    const charStart = bytes.subarray(0, start).toString('utf8').length + leading;
    const kind = Object.keys(r.stmt)[0] ?? 'Unknown';
    const node = r.stmt[kind] ?? {};
    const statement: Statement = { sql, kind, line: lineAndColumn(text, charStart).line };
    const why = nonTransactionalReason(kind, node);
    if (why) statement.nonTransactional = why;
    out.push(statement);
  }
  return out;
}

function trimStatement(chunk: string): string {
  return chunk.trim().replace(/;\s*$/, '').trim();
}

/**
 * What PostgreSQL refuses inside a transaction block: the statement names the
 * reason the output shows.
 */
function nonTransactionalReason(kind: string, node: Record<string, any>): string | undefined {
  switch (kind) {
    case 'IndexStmt':
      return node.concurrent ? 'CREATE INDEX CONCURRENTLY' : undefined;
    case 'DropStmt':
      return node.concurrent ? 'DROP INDEX CONCURRENTLY' : undefined;
    case 'ReindexStmt':
      return hasOption(node.params, 'concurrently') ? 'REINDEX CONCURRENTLY' : node.kind === 'REINDEX_OBJECT_SYSTEM' || node.kind === 'REINDEX_OBJECT_DATABASE' ? 'REINDEX SYSTEM/DATABASE' : undefined;
    case 'VacuumStmt':
      return node.is_vacuumcmd ? 'VACUUM' : undefined;
    case 'AlterSystemStmt':
      return 'ALTER SYSTEM';
    case 'CreatedbStmt':
      return 'CREATE DATABASE';
    case 'DropdbStmt':
      return 'DROP DATABASE';
    case 'CreateTableSpaceStmt':
      return 'CREATE TABLESPACE';
    case 'DropTableSpaceStmt':
      return 'DROP TABLESPACE';
    case 'CreateSubscriptionStmt':
      return 'CREATE SUBSCRIPTION';
    case 'DropSubscriptionStmt':
      return 'DROP SUBSCRIPTION';
    case 'AlterTableStmt':
      // ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY
      return (node.cmds ?? []).some((c: any) => c.AlterTableCmd?.def?.PartitionCmd?.concurrent)
        ? 'DETACH PARTITION CONCURRENTLY'
        : undefined;
  }
  return undefined;
}

function hasOption(params: any[] | undefined, name: string): boolean {
  return (params ?? []).some((p) => p?.DefElem?.defname === name);
}

/** A transaction-control statement found in a migration file. */
export function transactionControl(stmt: Statement): string | undefined {
  if (stmt.kind !== 'TransactionStmt') return undefined;
  return stmt.sql.split(/\s+/)[0]?.toUpperCase();
}

/**
 * A form of the statements that ignores whitespace, comments, semicolons
 * and letter case of keywords: equal forms mean the same SQL. Used to tell
 * whether an applied migration's file was edited afterwards.
 */
export function canonicalForm(statements: readonly string[]): string {
  const parts: string[] = [];
  for (const s of statements) {
    try {
      const raw = parseRaw(s, 'statement');
      for (const r of raw) parts.push(JSON.stringify(r.stmt, dropLocations));
    } catch {
      parts.push(s.replace(/\s+/g, ' ').trim());
    }
  }
  return parts.join('\n');
}

function dropLocations(key: string, value: unknown): unknown {
  return key === 'location' || key === 'stmt_location' || key === 'stmt_len' ? undefined : value;
}

/** A CREATE INDEX with storage options (`WITH (m = 16, …)`), taken apart. */
export interface IndexWithOptions {
  accessMethod: string;
  /** The options as PostgreSQL stores them in pg_class.reloptions (`name=value`). */
  reloptions: string[];
  /** The statement without its WITH clause. */
  withoutOptions: string;
  table: { schema: string | null; name: string };
  /** The index's name when the statement gives one. */
  name: string | null;
}

/**
 * The storage options of a CREATE INDEX statement, or null when it is not
 * one or has none. The parser must be loaded (see loadParser).
 */
export function indexWithOptions(sql: string): IndexWithOptions | null {
  let stmts: RawStmt[];
  try {
    stmts = (parseSync(sql).stmts ?? []) as RawStmt[];
  } catch {
    return null;
  }
  const idx = stmts.length === 1 ? (stmts[0]!.stmt.IndexStmt as Record<string, any> | undefined) : undefined;
  const options = (idx?.options ?? []).map((o: any) => o.DefElem) as Array<Record<string, any>>;
  if (!idx || options.length === 0) return null;
  const reloptions: string[] = [];
  for (const o of options) {
    const arg = o.arg ?? {};
    const value = arg.Integer ? String(arg.Integer.ival ?? 0) : arg.Float ? String(arg.Float.fval) : arg.String ? String(arg.String.sval) : arg.Boolean ? String(arg.Boolean.boolval ?? false) : arg.TypeName ? String(arg.TypeName.names?.at(-1)?.String?.sval ?? '') : 'true';
    reloptions.push(`${o.defname}=${value}`);
  }
  // The WITH clause runs from the WITH before the first option to the parenthesis closing the last one.
  const first = Math.min(...options.map((o) => Number(o.location)));
  const open = sql.lastIndexOf('(', first);
  const withAt = sql.slice(0, open).search(/\bwith\s*$/i);
  if (open < 0 || withAt < 0) return null;
  let depth = 0;
  let end = -1;
  for (let i = open; i < sql.length && end < 0; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const close = sql.indexOf(ch, i + 1);
      if (close < 0) return null;
      i = close;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) end = i;
  }
  if (end < 0) return null;
  return {
    accessMethod: String(idx.accessMethod ?? 'btree'),
    reloptions,
    withoutOptions: sql.slice(0, withAt) + sql.slice(end + 1),
    table: { schema: idx.relation?.schemaname ?? null, name: String(idx.relation?.relname) },
    name: idx.idxname ?? null,
  };
}
