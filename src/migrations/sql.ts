/**
 * Splits and classifies SQL with PostgreSQL's own parser (libpg_query, as
 * WebAssembly), so dollar quotes, BEGIN ATOMIC bodies, nested comments and
 * E'' strings are never cut in the wrong place.
 */
import { DbalignError } from '../errors.js';

export interface Statement {
  /**
   * The statement's text exactly as the Supabase CLI splits it, runs it and
   * records it in schema_migrations: from after the previous `;` up to this
   * one, trailing semicolons removed, then trimmed (comments before the
   * statement stay in it).
   */
  sql: string;
  /** The parse node's type, e.g. `CreateStmt`; '' for a piece of comments alone. */
  kind: string;
  /** 1-based line and column of the statement's first keyword in its file. */
  line: number;
  column: number;
  /** 1-based line and column where `sql` starts (PostgreSQL error positions count from there). */
  startLine: number;
  startColumn: number;
  /** Why it cannot run inside a transaction block, when it cannot. */
  nonTransactional?: string;
  /** A transaction-control statement: what it does. */
  transaction?: TransactionControl;
}

export type TransactionControl =
  | 'begin'
  | 'commit'
  | 'rollback'
  | 'savepoint'
  | 'release'
  | 'rollback to'
  | 'prepare transaction'
  | 'commit prepared'
  | 'rollback prepared';

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
  return new Lines(text).at(charOffset);
}

/** Line and column of character offsets; offsets asked in increasing order cost linear time in all. */
class Lines {
  private line = 1;
  private lineStart = 0;
  private pos = 0;
  constructor(private readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    if (offset < this.pos) {
      this.line = 1;
      this.lineStart = 0;
      this.pos = 0;
    }
    const end = Math.min(offset, this.text.length);
    for (let i = this.text.indexOf('\n', this.pos); i !== -1 && i < end; i = this.text.indexOf('\n', i + 1)) {
      this.line++;
      this.lineStart = i + 1;
    }
    this.pos = end;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
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
    // The rows of a COPY … FROM stdin block (pg_dump's data format) are no SQL: say so, not where they fail to parse.
    const copy = copyDataBefore(text, details ? details.cursorPosition : text.length);
    if (copy) throw copyFromStdinError(source, copy.line, copy.column);
    throw new SqlSyntaxError(
      `${source}: syntax error at line ${pos.line}, column ${pos.column}: ${message}; fix the SQL and run again`,
      pos.line,
      pos.column,
    );
  }
}

const COPY_FROM_STDIN = /^[ \t]*COPY\b[^;]*?\bFROM\s+STDIN\b[^;]*;[ \t]*\r?\n/gim;

/** The COPY … FROM stdin line whose data block (ended by a `\\.` line) holds offset `at`, if any. */
function copyDataBefore(text: string, at: number): { line: number; column: number } | undefined {
  let found: { line: number; column: number } | undefined;
  for (const m of text.matchAll(COPY_FROM_STDIN)) {
    const dataStart = m.index + m[0].length;
    if (dataStart > at) break;
    const end = /^\\\.[ \t]*\r?$/m.exec(text.slice(dataStart));
    if (end && dataStart + end.index + end[0].length < at) continue;
    found = lineAndColumn(text, m.index + m[0].search(/\S/));
  }
  return found;
}

function copyFromStdinError(source: string, line: number, column: number): SqlSyntaxError {
  return new SqlSyntaxError(
    `${source} line ${line}: COPY … FROM stdin reads its rows from the client (pg_dump's data format), which neither dbalign nor the Supabase CLI can feed it from a migration; write the rows as INSERT statements (pg_dump --column-inserts writes them), or load the data with psql outside the migrations`,
    line,
    column,
  );
}

// ---------------------------------------------------------------------------
// The Supabase CLI's statement splitter. The CLI runs and records what its own
// tokenizer cuts (a small state machine over the file's characters, not
// PostgreSQL's lexer); dbalign cuts the same pieces so the history rows both
// tools write are identical. Its states and quirks are followed exactly:
// `(` … `)` and BEGIN ATOMIC … END hold semicolons, `'`/`"` quotes end at a
// doubled delimiter's second half only, `\` outside quotes escapes the next
// character, nested /* */ comments, $tag$ quotes. Unlike the CLI's, this one
// looks at each character once, so it is linear in the file's size.

interface SplitState {
  /** The next state after character `ch` ending at `end`; null ends the piece (a `;`). */
  next(ch: string, end: number, sp: Splitter): SplitState | null;
}

class Splitter {
  /** Where the current piece starts. */
  tokenStart = 0;
  constructor(readonly text: string) {}
  /** The last `n` characters (UTF-16 units) of the current piece up to `end`. */
  tail(end: number, n: number): string {
    return this.text.slice(Math.max(this.tokenStart, end - n), end);
  }
}

const IDENT = /[\p{L}\p{Nd}_$]/u;
/** ASCII characters some state reacts to: $ ' " - / \\ ; ( ) * c C. */
const SPECIAL = new Uint8Array(128);
for (const ch of `$'"-/\\;()*cC`) SPECIAL[ch.charCodeAt(0)] = 1;
const TAG = /[\p{L}\p{Nd}_]/u;
const SPACE = /\s/u;

const ATOMIC_LOWER = 'atomic';

/** The piece so far ends with BEGIN <spaces> ATOMIC, as whole words. */
function isBeginAtomic(sp: Splitter, end: number): boolean {
  const text = sp.text;
  const at = end - 6;
  if (at < sp.tokenStart) return false;
  // Quick refusal on an ASCII letter that is not ATOMIC's (others go through toUpperCase, as in the CLI).
  for (let k = 0; k < 5; k++) {
    const c = text.charCodeAt(at + k);
    if (c < 128 && (c | 32) !== ATOMIC_LOWER.charCodeAt(k)) return false;
  }
  if (text.slice(at, end).toUpperCase() !== 'ATOMIC') return false;
  if (at > sp.tokenStart && IDENT.test(text[at - 1]!)) return false;
  let k = at;
  while (k > sp.tokenStart && SPACE.test(text[k - 1]!)) k--;
  const b = k - 5;
  if (b < sp.tokenStart || text.slice(b, k).toUpperCase() !== 'BEGIN') return false;
  return b === sp.tokenStart || !IDENT.test(text[b - 1]!);
}

class Ready implements SplitState {
  next(ch: string, end: number, sp: Splitter): SplitState | null {
    switch (ch) {
      case '$':
        return new Tag(end - 1);
      case "'":
      case '"':
        return new Quote(ch);
      case '-':
        return new Dash();
      case '/':
        return new Block();
      case '\\':
        return new Escape();
      case ';':
        return null;
      case '(':
        return new Nested(READY, ')');
      case 'c':
      case 'C':
        return isBeginAtomic(sp, end) ? new Nested(READY, 'END') : this;
      default:
        return this;
    }
  }
}
const READY = new Ready();

class Dash implements SplitState {
  next(ch: string, end: number, sp: Splitter): SplitState | null {
    return ch === '-' ? new Until('\n') : READY.next(ch, end, sp);
  }
}

class Block implements SplitState {
  depth = 0;
  next(ch: string, end: number, sp: Splitter): SplitState | null {
    const w = sp.tail(end, 2);
    if (w === '/*') {
      this.depth++;
      return this;
    }
    if (this.depth === 0) return READY.next(ch, end, sp);
    if (w === '*/' && --this.depth === 0) return READY;
    return this;
  }
}

class Quote implements SplitState {
  escape = false;
  constructor(readonly delimiter: string) {}
  next(ch: string, end: number, sp: Splitter): SplitState | null {
    if (this.escape) {
      if (ch === this.delimiter) {
        this.escape = false;
        return this;
      }
      return READY.next(ch, end, sp);
    }
    if (ch === this.delimiter) this.escape = true;
    return this;
  }
}

/** A dollar quote, or a line comment: ends where the piece ends with `delimiter`. */
class Until implements SplitState {
  constructor(readonly delimiter: string) {}
  next(_ch: string, end: number, sp: Splitter): SplitState | null {
    return sp.tail(end, this.delimiter.length) === this.delimiter ? READY : this;
  }
}

class Tag implements SplitState {
  constructor(private readonly offset: number) {}
  next(ch: string, end: number, sp: Splitter): SplitState | null {
    if (ch === '$') return new Until(sp.text.slice(Math.max(this.offset, sp.tokenStart), end));
    if (TAG.test(ch)) return this;
    return READY.next(ch, end, sp);
  }
}

class Escape implements SplitState {
  next(): SplitState | null {
    return READY;
  }
}

/** Inside ( … ) or BEGIN ATOMIC … END: semicolons do not end the piece. */
class Nested implements SplitState {
  constructor(
    public prev: SplitState,
    readonly delimiter: string,
  ) {}
  next(ch: string, end: number, sp: Splitter): SplitState | null {
    const n = this.prev.next(ch, end, sp);
    if (n !== null) this.prev = n;
    if (this.prev instanceof Ready && sp.tail(end, this.delimiter.length).toUpperCase() === this.delimiter) return READY;
    return this;
  }
}

/** A piece of a file as the Supabase CLI cuts it. */
export interface CliPiece {
  /** Trailing semicolons removed, trimmed: what the CLI runs and records. */
  sql: string;
  /** Offset (UTF-16 units) of `sql` in the text. */
  start: number;
  /** The raw piece, `;` included: [rawStart, rawEnd). */
  rawStart: number;
  rawEnd: number;
}

/** Splits `text` as the Supabase CLI does; empty pieces are dropped, as the CLI drops them. */
export function cliSplit(text: string): CliPiece[] {
  const sp = new Splitter(text);
  const out: CliPiece[] = [];
  let state: SplitState = READY;
  const emit = (end: number) => {
    let e = end;
    while (e > sp.tokenStart && text.charCodeAt(e - 1) === 59 /* ; */) e--;
    const raw = text.slice(sp.tokenStart, e);
    const sql = raw.trim();
    if (sql) out.push({ sql, start: sp.tokenStart + (raw.length - raw.trimStart().length), rawStart: sp.tokenStart, rawEnd: end });
  };
  const n = text.length;
  for (let i = 0; i < n; ) {
    // Fast paths that skip characters the states above would pass over
    // unchanged; the result is the same, each character looked at once.
    const c = text.charCodeAt(i);
    if (c < 128 && !SPECIAL[c]) {
      if (state === READY) {
        i++;
        continue;
      }
      if (state instanceof Nested && state.prev === READY && (state.delimiter === ')' ? c !== 41 : c !== 68 && c !== 100)) {
        i++;
        continue;
      }
    }
    if (state instanceof Until) {
      // The first place the piece ends with the delimiter, at this character or after it.
      const d = state.delimiter;
      const j = text.indexOf(d, Math.max(sp.tokenStart, i + 1 - d.length));
      if (j < 0) break;
      i = j + d.length;
      state = READY;
      continue;
    }
    if (state instanceof Quote && !state.escape) {
      const j = text.indexOf(state.delimiter, i);
      if (j < 0) break;
      i = j;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = width === 1 ? text[i]! : text.slice(i, i + 2);
    const end = i + width;
    const next: SplitState | null = state.next(ch, end, sp);
    if (next === null) {
      emit(end);
      sp.tokenStart = end;
      state = READY;
    } else {
      state = next;
    }
    i = end;
  }
  if (sp.tokenStart < text.length) emit(text.length);
  return out;
}

/** The first line that makes the Supabase CLI run a file outside a transaction. */
export const NO_TRANSACTION_DIRECTIVE = '-- pg-delta: transaction=false';

/** The file's first line is the directive, exactly (a trailing CR allowed), as the CLI checks it. */
export function hasNoTransactionDirective(text: string): boolean {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nl = body.indexOf('\n');
  let first = nl < 0 ? body : body.slice(0, nl);
  if (first.endsWith('\r')) first = first.slice(0, -1);
  return first === NO_TRANSACTION_DIRECTIVE;
}

/** Skips whitespace and comments from `pos`; returns where the first keyword starts. */
function skipTrivia(text: string, pos: number, end: number): number {
  let i = pos;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      i++;
    } else if (c === 45 && text.charCodeAt(i + 1) === 45) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? end : nl + 1;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      let depth = 1;
      i += 2;
      while (i < end && depth > 0) {
        if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) {
          depth++;
          i += 2;
        } else if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) {
          depth--;
          i += 2;
        } else i++;
      }
    } else break;
  }
  return Math.min(i, end);
}

/** Converts increasing UTF-8 byte offsets of `text` to UTF-16 offsets, in linear time overall. */
function byteToChar(text: string): (byte: number) => number {
  if (Buffer.byteLength(text, 'utf8') === text.length) return (b) => b;
  let byte = 0;
  let char = 0;
  return (target) => {
    if (target < byte) {
      byte = 0;
      char = 0;
    }
    while (byte < target && char < text.length) {
      const cp = text.codePointAt(char)!;
      byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      char += cp > 0xffff ? 2 : 1;
    }
    return char;
  };
}

const TRANSACTION_KINDS: Record<string, TransactionControl> = {
  TRANS_STMT_BEGIN: 'begin',
  TRANS_STMT_START: 'begin',
  TRANS_STMT_COMMIT: 'commit',
  TRANS_STMT_ROLLBACK: 'rollback',
  TRANS_STMT_SAVEPOINT: 'savepoint',
  TRANS_STMT_RELEASE: 'release',
  TRANS_STMT_ROLLBACK_TO: 'rollback to',
  TRANS_STMT_PREPARE: 'prepare transaction',
  TRANS_STMT_COMMIT_PREPARED: 'commit prepared',
  TRANS_STMT_ROLLBACK_PREPARED: 'rollback prepared',
};

interface Parsed {
  /** [start, end) in UTF-16 units, from the first keyword. */
  start: number;
  end: number;
  kind: string;
  node: Record<string, any>;
}

export interface SplitResult {
  statements: Statement[];
  /**
   * False when the Supabase CLI's splitter would cut a statement PostgreSQL
   * reads as one (or join two): the CLI cannot run such a file, and dbalign
   * falls back to PostgreSQL's own statement boundaries.
   */
  cliSplit: boolean;
}

/**
 * Splits a file's SQL into statements, with the Supabase CLI's text for each
 * and PostgreSQL's parser to validate and classify them. Requires loadParser().
 */
export function splitSql(text: string, source = 'SQL'): SplitResult {
  const raw = parseRaw(text, source);
  const toChar = byteToChar(text);
  const parsed: Parsed[] = [];
  for (const r of raw) {
    const startByte = r.stmt_location ?? 0;
    const s = toChar(startByte);
    const e = r.stmt_len ? toChar(startByte + r.stmt_len) : text.length;
    const kind = Object.keys(r.stmt)[0] ?? 'Unknown';
    const node = r.stmt[kind] ?? {};
    const start = skipTrivia(text, s, e);
    if (kind === 'CopyStmt' && node.is_from && !node.filename && !node.is_program) {
      const at = lineAndColumn(text, start);
      throw copyFromStdinError(source, at.line, at.column);
    }
    parsed.push({ start, end: e, kind, node });
  }
  const pieces = cliSplit(text);
  const lines = new Lines(text);
  const statements: Statement[] = [];
  let p = 0;
  let aligned = true;
  for (const piece of pieces) {
    const inside: Parsed[] = [];
    while (p < parsed.length && parsed[p]!.start < piece.rawEnd) inside.push(parsed[p++]!);
    const one = inside[0];
    if (inside.length > 1 || (one && (one.start < piece.start || one.end > piece.rawEnd))) {
      aligned = false;
      break;
    }
    statements.push(makeStatement(piece.sql, piece.start, one, lines));
  }
  if (aligned && p === parsed.length) return { statements, cliSplit: true };
  // PostgreSQL's boundaries: each statement from its first keyword, as written.
  const fallback = new Lines(text);
  return {
    statements: parsed
      .map((x) => ({ x, sql: trimStatement(text.slice(x.start, x.end)) }))
      .filter(({ sql }) => sql)
      .map(({ x, sql }) => makeStatement(sql, x.start, x, fallback)),
    cliSplit: false,
  };
}

function makeStatement(sql: string, start: number, parsed: Parsed | undefined, lines: Lines): Statement {
  const at = lines.at(start);
  const key = parsed ? lines.at(parsed.start) : at;
  const statement: Statement = { sql, kind: parsed?.kind ?? '', line: key.line, column: key.column, startLine: at.line, startColumn: at.column };
  if (parsed) {
    const why = nonTransactionalReason(parsed.kind, parsed.node);
    if (why) statement.nonTransactional = why;
    if (parsed.kind === 'TransactionStmt') statement.transaction = TRANSACTION_KINDS[parsed.node.kind] ?? 'begin';
  }
  return statement;
}

/** Splits a file's SQL into statements (see splitSql). Requires loadParser(). */
export function splitStatements(text: string, source = 'SQL'): Statement[] {
  return splitSql(text, source).statements;
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

/** A transaction-control statement's first keyword as written (BEGIN, END, START, ABORT…), upper case. */
export function transactionControl(stmt: Statement): string | undefined {
  if (!stmt.transaction) return undefined;
  const first = stmt.sql.slice(offsetOfKeyword(stmt)).match(/^[A-Za-z]+/);
  return first ? first[0].toUpperCase() : stmt.transaction.toUpperCase();
}

/** Where the first keyword is within `sql`. */
function offsetOfKeyword(stmt: Statement): number {
  let line = stmt.startLine;
  let i = 0;
  while (line < stmt.line) {
    const nl = stmt.sql.indexOf('\n', i);
    if (nl < 0) return 0;
    i = nl + 1;
    line++;
  }
  return i + (stmt.line === stmt.startLine ? stmt.column - stmt.startColumn : stmt.column - 1);
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

/** The parse trees of `sql`'s statements (libpg-query's JSON); throws SqlSyntaxError on bad SQL. The parser must be loaded. */
export function parseTrees(sql: string, source = 'SQL'): Array<Record<string, any>> {
  return parseRaw(sql, source).map((r) => r.stmt);
}

/** The parse node of `sql` when it is one statement of that node type; undefined otherwise. */
function onlyStatement(sql: string, nodeType: string): Record<string, any> | undefined {
  let stmts: RawStmt[];
  try {
    stmts = (parseSync(sql).stmts ?? []) as RawStmt[];
  } catch {
    return undefined;
  }
  return stmts.length === 1 ? (stmts[0]!.stmt[nodeType] as Record<string, any> | undefined) : undefined;
}

/**
 * The storage options of a CREATE INDEX statement, or null when it is not
 * one or has none. The parser must be loaded (see loadParser).
 */
export function indexWithOptions(sql: string): IndexWithOptions | null {
  const idx = onlyStatement(sql, 'IndexStmt');
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

export interface CreateExtension {
  name: string;
  ifNotExists: boolean;
  schema: string | null;
  version: string | null;
  cascade: boolean;
}

/** A CREATE EXTENSION statement's parts, or null when `sql` is not one. The parser must be loaded. */
export function createExtension(sql: string): CreateExtension | null {
  const ext = onlyStatement(sql, 'CreateExtensionStmt');
  if (!ext) return null;
  const option = (name: string) => (ext.options ?? []).map((o: any) => o.DefElem).find((d: any) => d.defname === name)?.arg;
  return {
    name: String(ext.extname),
    ifNotExists: Boolean(ext.if_not_exists),
    schema: option('schema')?.String?.sval ?? null,
    version: option('new_version')?.String?.sval ?? null,
    cascade: Boolean(option('cascade')?.Boolean?.boolval),
  };
}
