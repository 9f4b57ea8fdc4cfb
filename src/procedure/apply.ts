/**
 * Applying one migration file: its statements and its history row in one
 * transaction, so a failure leaves neither behind. A file holding statements
 * PostgreSQL refuses inside a transaction runs statement by statement.
 */
import { inTransaction, type Client } from '../db/connection.js';
import { scrub } from '../db/redact.js';
import { DbalignError } from '../errors.js';
import type { LoadedMigration } from '../migrations/files.js';
import { insertMigration, recordMigration, recordSeed } from '../migrations/history.js';
import type { Statement } from '../migrations/sql.js';
import { APPLYING_SETTING } from './guard.js';
import type { Log } from './log.js';

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

function failure(m: LoadedMigration, index: number, err: unknown, tail: string): MigrationFailed {
  const stmt = m.statements[index]!;
  const pgErr = err as { message?: string; position?: string };
  const pos = filePosition(stmt, pgErr.position ? Number(pgErr.position) : undefined);
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
          await client.query(m.statements[i]!.sql);
        } catch (err) {
          throw failure(m, i, err, `the file was rolled back; ${hint}`);
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
        await client.query(m.statements[i]!.sql);
      } catch (err) {
        const done = i === 0 ? 'none of its statements ran' : `statements 1 to ${i} ran and stay applied`;
        throw failure(m, i, err, `${done}, no history row was written; ${hint}`);
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

/**
 * Runs a seed file and records its hash, in one transaction. A failure names
 * the file, the statement and its line, and leaves nothing of the file behind.
 */
export async function runSeed(client: Client, seed: { path: string; hash: string }, statements: readonly Statement[], record: boolean): Promise<void> {
  await inTransaction(client, async () => {
    for (let i = 0; i < statements.length; i++) {
      const stmt = statements[i]!;
      try {
        await client.query(stmt.sql);
      } catch (err) {
        const pgErr = err as { message?: string; position?: string };
        const pos = filePosition(stmt, pgErr.position ? Number(pgErr.position) : undefined);
        const reason = scrub(String(pgErr.message ?? err), []).split('\n')[0];
        throw new DbalignError(
          `seed file ${seed.path} failed at statement ${i + 1} (line ${pos.line}, column ${pos.column}): ${reason}; nothing of it was kept and it is not recorded: fix it and run again`,
        );
      }
    }
    if (record) await recordSeed(client, seed);
  });
}
