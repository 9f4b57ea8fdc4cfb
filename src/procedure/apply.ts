/**
 * Applying one migration file: its statements and its history row in one
 * transaction, so a failure leaves neither behind. A file holding statements
 * PostgreSQL refuses inside a transaction runs statement by statement.
 */
import { connectionLost, inTransaction, PINNED_SETTINGS, type Client } from '../db/connection.js';
import { scrub } from '../db/redact.js';
import { DbalignError } from '../errors.js';
import type { LoadedMigration } from '../migrations/files.js';
import { HISTORY_TABLE, insertMigration, recordMigration, recordSeed } from '../migrations/history.js';
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

/** Where in the file a PostgreSQL error `position` (1-based characters of the statement) falls. */
function filePosition(stmt: Statement, position: number | undefined): { line: number; column: number } {
  if (!position) return { line: stmt.line, column: stmt.column };
  const before = Array.from(stmt.sql).slice(0, position - 1).join('');
  const lines = before.split('\n');
  if (lines.length === 1) return { line: stmt.startLine, column: stmt.startColumn + before.length };
  return { line: stmt.startLine + lines.length - 1, column: lines.at(-1)!.length + 1 };
}

/** The way out when the server lacks an extension a migration creates. */
const DEFAULT_EXTENSION_HINT = 'install it on that server';

function failure(m: LoadedMigration, index: number, err: unknown, state: string, options: ApplyOptions): MigrationFailed {
  const stmt = m.statements[index]!;
  const extensionHint = options.extensionHint ?? DEFAULT_EXTENSION_HINT;
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
  if (connectionLost(err)) {
    // Nothing is wrong with the file: the session ended under it, and the server rolled back what was open.
    return new MigrationFailed(
      `the connection to the database was lost while ${m.file} ran statement ${index + 1} (line ${pos.line}): ${reason}; ${state}; ${options.rerun ?? DEFAULT_RERUN}`,
      m.file,
      index + 1,
      pos.line,
      pos.column,
    );
  }
  return new MigrationFailed(
    `${m.file} failed at statement ${index + 1} (line ${pos.line}, column ${pos.column}): ${reason}; ${state}; ${options.hint ?? DEFAULT_HINT}`,
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
  /** What the user should do when the failure is not the file's (the connection was lost, the history write was refused). */
  rerun?: string;
}

const DEFAULT_HINT = 'fix the file and run again';
const DEFAULT_RERUN = 'check that the server is up and run again';

/**
 * Applies one migration as the Supabase CLI does (see RunMode), after
 * `RESET ALL`, so settings a file changes (search_path, say) do not leak
 * into the next. The history row records the statements as the CLI splits
 * them; pieces of comments alone are recorded but have nothing to run.
 */
export async function applyMigration(client: Client, m: LoadedMigration, log: Log, options: ApplyOptions): Promise<void> {
  const row = { version: m.version, name: m.name, statements: m.statements.map((s) => s.sql) };
  const write = options.replace ? recordMigration : insertMigration;
  const record = async (state: string) => {
    if (!options.record) return;
    try {
      // A SET ROLE in the file must not make the history write someone else's.
      await client.query('RESET ROLE');
      await write(client, row);
    } catch (err) {
      if (err instanceof DbalignError) throw err;
      const e = err as { message?: unknown; code?: unknown };
      const reason = `${String(e?.message ?? err).split('\n')[0]}${typeof e?.code === 'string' ? ` (SQLSTATE ${e.code})` : ''}`;
      const advice =
        e?.code === '42501' ? `connect as a role that may write ${HISTORY_TABLE}, such as the database owner, and run again` : (options.rerun ?? DEFAULT_RERUN);
      throw new DbalignError(`${m.file}: its history row could not be written: ${reason}; ${state}; ${advice}`, { cause: err });
    }
  };
  const run = async (i: number, state: () => string) => {
    const s = m.statements[i]!;
    if (s.kind === '') return;
    try {
      await runStatement(client, s);
    } catch (err) {
      throw failure(m, i, err, state(), options);
    }
  };
  // Every file starts from the same session: no setting or role of the file before it, dbalign's pinned settings.
  await client.query(`RESET ALL; RESET ROLE; ${PINNED_SETTINGS}`);
  if (!m.cliSplit) {
    log.warn(`${m.file}: the Supabase CLI would cut one of its statements apart and cannot apply it; dbalign runs and records PostgreSQL's statements`);
  }

  if (m.mode === 'file') {
    // The file's own BEGIN … COMMIT, with the history row written before its COMMIT.
    const begin = m.statements.findIndex((s) => s.transaction === 'begin');
    const commit = m.statements.findIndex((s) => s.transaction === 'commit');
    try {
      const rolledBack = 'the file was rolled back and is not recorded';
      await run(begin, () => 'nothing of the file ran');
      await markApplying(client, true);
      for (let i = begin + 1; i < commit; i++) await run(i, () => rolledBack);
      await record(rolledBack);
      await run(commit, () => rolledBack);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
    return;
  }

  if (m.mode === 'none') {
    log.info(
      m.unsafe
        ? `${m.file} opens and commits transactions of its own: running its statements one by one, as the Supabase CLI does`
        : `${m.file} starts with -- pg-delta: transaction=false: running its statements one by one, outside a transaction`,
    );
    await markApplying(client, false);
    try {
      let ran = 0;
      for (let i = 0; i < m.statements.length; i++) {
        await run(i, () => `${ran === 0 ? 'none of its statements ran' : `its first ${ran} statement(s) ran and stay applied`}, no history row was written`).catch(async (err) => {
          // A BEGIN the file opened must not stay open.
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        });
        if (m.statements[i]!.kind !== '') ran++;
      }
      await record(`its statements ran and stay applied, but it is not recorded (once that is fixed, \`dbalign repair --status applied ${m.version}\` records it)`);
    } finally {
      await client.query(`SELECT set_config('${APPLYING_SETTING}', '', false)`).catch(() => undefined);
    }
    return;
  }

  // One transaction; a statement PostgreSQL refuses in a transaction runs
  // alone between two, and the history row goes with the last one.
  const segments: Array<{ from: number; to: number; alone: boolean }> = [];
  let from = 0;
  for (let i = 0; i < m.statements.length; i++) {
    if (!m.statements[i]!.nonTransactional) continue;
    if (i > from) segments.push({ from, to: i, alone: false });
    segments.push({ from: i, to: i + 1, alone: true });
    from = i + 1;
  }
  segments.push({ from, to: m.statements.length, alone: false });
  if (m.nonTransactional) {
    log.warn(`${m.file} contains ${m.nonTransactional}: running it outside a transaction, the statements around it in transactions of their own`);
  }
  let committed = 0;
  const tail = () =>
    committed === 0 ? 'the file was rolled back and is not recorded' : `statements 1 to ${committed} were committed and stay applied, the rest rolled back, no history row was written`;
  for (const [k, seg] of segments.entries()) {
    const last = k === segments.length - 1;
    if (seg.alone) {
      await markApplying(client, false);
      try {
        await run(seg.from, tail);
      } finally {
        await client.query(`SELECT set_config('${APPLYING_SETTING}', '', false)`).catch(() => undefined);
      }
    } else {
      await inTransaction(client, async () => {
        await markApplying(client, true);
        for (let i = seg.from; i < seg.to; i++) await run(i, tail);
        if (last) await record(tail());
      });
    }
    committed = seg.to;
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
      if (stmt.kind === '') continue; // comments alone: nothing to run
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
