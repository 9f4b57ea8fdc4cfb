/**
 * Applying one migration file: its statements and its history row in one
 * transaction, so a failure leaves neither behind. A file holding statements
 * PostgreSQL refuses inside a transaction runs statement by statement.
 */
import { inTransaction, type Client } from '../db/connection.js';
import { scrub } from '../db/redact.js';
import { DbalignError } from '../errors.js';
import type { LoadedMigration } from '../migrations/files.js';
import { insertMigration, recordMigration } from '../migrations/history.js';
import type { Statement } from '../migrations/sql.js';
import { APPLYING_SETTING } from './guard.js';
import type { Log } from './log.js';
import { runStatement } from './standins.js';

export class MigrationFailed extends DbalignError {
  constructor(
    message: string,
    readonly file: string,
    readonly statement: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Where in the file a PostgreSQL error `position` (1-based, in the statement) falls. */
function filePosition(stmt: Statement, position: number | undefined): { line: number; column: number } {
  if (!position) return { line: stmt.line, column: 1 };
  const before = stmt.sql.slice(0, position - 1);
  const lines = before.split('\n');
  return { line: stmt.line + lines.length - 1, column: lines.at(-1)!.length + 1 };
}

/** The way out when the server lacks an extension a migration creates. */
const DEFAULT_EXTENSION_HINT = 'install it on that server';

function failure(m: LoadedMigration, index: number, err: unknown, tail: string, extensionHint = DEFAULT_EXTENSION_HINT): MigrationFailed {
  const stmt = m.statements[index]!;
  const pgErr = err as { message?: string; position?: string; code?: string };
  const pos = filePosition(stmt, pgErr.position ? Number(pgErr.position) : undefined);
  // The server's own message names its share folder; say what matters instead.
  const missing = pgErr.code === '0A000' ? /^extension "(.+)" is not available$/.exec(String(pgErr.message)) : null;
  if (missing) {
    return new MigrationFailed(
      `${m.file} (line ${pos.line}) creates extension "${missing[1]}", which this server does not have and dbalign has no stand-in for: ${extensionHint}`,
      m.file,
      index + 1,
      pos.line,
      pos.column,
    );
  }
  const reason = scrub(String(pgErr.message ?? err), []).split('\n')[0];
  return new MigrationFailed(
    `${m.file} failed at statement ${index + 1} (line ${pos.line}, column ${pos.column}): ${reason}; ${tail}`,
    m.file,
    index + 1,
    pos.line,
    pos.column,
  );
}

export interface ApplyOptions {
  /** Write the history row (push, reset) or not (a shadow database). */
  record: boolean;
  /** Replace an existing row rather than fail on it. */
  replace?: boolean;
  /** What the user should do after a failure; ends the error message. */
  hint?: string;
  /** What the user should do when the server lacks an extension a migration creates. */
  extensionHint?: string;
}

export async function applyMigration(client: Client, m: LoadedMigration, log: Log, options: ApplyOptions): Promise<void> {
  const row = { version: m.version, name: m.name, statements: m.statements.map((s) => s.sql) };
  const write = options.replace ? recordMigration : insertMigration;
  const hint = options.hint ?? 'fix the file and run again';
  if (!m.nonTransactional) {
    await inTransaction(client, async () => {
      await markApplying(client, true);
      for (let i = 0; i < m.statements.length; i++) {
        try {
          await runStatement(client, m.statements[i]!);
        } catch (err) {
          throw failure(m, i, err, `the file was rolled back; ${hint}`, options.extensionHint);
        }
      }
      if (options.record) await write(client, row);
    });
    return;
  }
  log.warn(`${m.file} contains ${m.nonTransactional}: running its statements one by one, outside a transaction`);
  await markApplying(client, false);
  try {
    for (let i = 0; i < m.statements.length; i++) {
      try {
        await runStatement(client, m.statements[i]!);
      } catch (err) {
        const done = i === 0 ? 'none of its statements ran' : `statements 1 to ${i} ran and stay applied`;
        throw failure(m, i, err, `${done}, no history row was written; ${hint}`, options.extensionHint);
      }
    }
    if (options.record) await write(client, row);
  } finally {
    await client.query(`SELECT set_config('${APPLYING_SETTING}', '', false)`).catch(() => undefined);
  }
}

/** Tells the guard's event trigger that dbalign itself is writing (see guard.ts). */
export async function markApplying(client: Client, local: boolean): Promise<void> {
  await client.query(`SELECT set_config('${APPLYING_SETTING}', 'on', ${local})`);
}
