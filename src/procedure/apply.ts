/**
 * Applying one migration file: its statements and its history row in one
 * transaction, so a failure leaves neither behind. A file holding statements
 * PostgreSQL refuses inside a transaction runs statement by statement.
 */
import { connectionLost, inTransaction, isLockNotAvailable, lockAdvice, lockWaits, retryLockWaits, sessionSettings, type Client } from '../db/connection.js';
import { scrub } from '../db/redact.js';
import { DbalignError } from '../errors.js';
import type { LoadedMigration } from '../migrations/files.js';
import { HISTORY_TABLE, insertMigration, recordMigration, recordSeed } from '../migrations/history.js';
import type { Statement } from '../migrations/sql.js';
import { APPLYING_SETTING } from './guard.js';
import { silentLog, type Log } from './log.js';
import { runStatement } from './standins.js';

export class MigrationFailed extends DbalignError {
  constructor(
    message: string,
    readonly file: string,
    readonly statement: number,
    readonly line: number,
    readonly column: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
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

/** What to do when the failure is not the file's: the connection was lost, the history write was refused. */
const DEFAULT_RERUN = 'check that the server is up and run again';

export function failure(
  client: Client,
  m: Pick<LoadedMigration, 'file' | 'statements'>,
  index: number,
  err: unknown,
  state: string,
  hint: string,
  extensionHint = DEFAULT_EXTENSION_HINT,
  rerun = DEFAULT_RERUN,
): MigrationFailed {
  const stmt = m.statements[index]!;
  const pgErr = err as { message?: string; position?: string; code?: string };
  const pos = filePosition(stmt, pgErr.position ? Number(pgErr.position) : undefined);
  // Raised only once every attempt timed out (see retryLockWaits): fixing the file is not the way out.
  const waits = lockWaits(client);
  if (waits?.timeoutMs && isLockNotAvailable(err)) {
    return new MigrationFailed(
      `${m.file} failed at statement ${index + 1} (line ${stmt.line}): ${lockAdvice(waits)}; ${state}`,
      m.file,
      index + 1,
      stmt.line,
      stmt.column,
      { cause: err },
    );
  }
  // The server's own message names its share folder; say what matters instead.
  const missing = pgErr.code === '0A000' ? /^extension "(.+)" is not available$/.exec(String(pgErr.message)) : null;
  if (missing) {
    return new MigrationFailed(
      `${m.file} (line ${pos.line}) creates extension "${missing[1]}", which this server does not have and dbalign has no stand-in for: ${extensionHint}`,
      m.file,
      index + 1,
      pos.line,
      pos.column,
      { cause: err },
    );
  }
  const reason = scrub(String(pgErr.message ?? err), []).split('\n')[0];
  if (connectionLost(err)) {
    // Nothing is wrong with the file: the session ended under it, and the server rolled back what was open.
    return new MigrationFailed(
      `the connection to the database was lost while ${m.file} ran statement ${index + 1} (line ${pos.line}): ${reason}; ${state}; ${rerun}`,
      m.file,
      index + 1,
      pos.line,
      pos.column,
      { cause: err },
    );
  }
  return new MigrationFailed(
    `${m.file} failed at statement ${index + 1} (line ${pos.line}, column ${pos.column}): ${reason}; ${state}; ${hint}`,
    m.file,
    index + 1,
    pos.line,
    pos.column,
    { cause: err },
  );
}

/** The progress line of a unit that runs again after it timed out on a lock. */
export function retrying(subject: string, what: string, err: unknown, attempt: number, attempts: number, delayMs: number): string {
  const e = err as { message?: string; cause?: { message?: string } };
  const reason = String(e.cause?.message ?? e.message ?? err).split('\n')[0];
  return `${subject}: ${reason}, another session holds a lock it needs; running ${what} again in ${delayMs / 1000}s (attempt ${attempt} of ${attempts})…`;
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
  /** SQL run after the session is reset, before the file (a tenant's search_path). */
  session?: string;
  /** Writes the history row instead of the Supabase history table (a tenant schema's history). */
  history?: (client: Client, row: { version: string; name: string; statements: string[] }) => Promise<void>;
}

/**
 * Applies one migration as the Supabase CLI does (see RunMode), after
 * `RESET ALL`, so settings a file changes (search_path, say) do not leak
 * into the next. The history row records the statements as the CLI splits
 * them; pieces of comments alone are recorded but have nothing to run.
 */
export async function applyMigration(client: Client, m: LoadedMigration, log: Log, options: ApplyOptions): Promise<void> {
  const row = { version: m.version, name: m.name, statements: m.statements.map((s) => s.sql) };
  const write = options.history ?? (options.replace ? recordMigration : insertMigration);
  const hint = options.hint ?? 'fix the file and run again';
  const record = async (state: string) => {
    if (!options.record) return;
    try {
      // A SET ROLE in the file must not make the history write someone else's.
      await client.query('RESET ROLE');
      await write(client, row);
    } catch (err) {
      // A lock timeout goes back to retryLockWaits as it came.
      if (err instanceof DbalignError || isLockNotAvailable(err)) throw err;
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
      throw failure(client, m, i, err, state(), hint, options.extensionHint, options.rerun);
    }
  };
  // On a write connection, a unit that timed out on a lock (a transaction, or a statement outside any) runs again, from its start.
  const retried = (what: string, unit: () => Promise<void>) =>
    retryLockWaits(client, unit, (err, attempt, attempts, delayMs) =>
      log.info(retrying(`${m.file}${err instanceof MigrationFailed ? ` (line ${err.line})` : ''}`, what, err, attempt, attempts, delayMs)),
    );
  // Every file starts from the same session: no setting or role of the file before it, dbalign's pinned settings.
  await client.query(`RESET ALL; RESET ROLE; ${sessionSettings(client)}${options.session ? `; ${options.session}` : ''}`);
  if (!m.cliSplit) {
    log.warn(`${m.file}: the Supabase CLI would cut one of its statements apart and cannot apply it; dbalign runs and records PostgreSQL's statements`);
  }

  if (m.mode === 'file') {
    // The file's own BEGIN … COMMIT, with the history row written before its COMMIT.
    const begin = m.statements.findIndex((s) => s.transaction === 'begin');
    const commit = m.statements.findIndex((s) => s.transaction === 'commit');
    const state = () => 'the file was rolled back and is not recorded';
    await retried('the file', async () => {
      try {
        await run(begin, state);
        await markApplying(client, true);
        for (let i = begin + 1; i < commit; i++) await run(i, state);
        await record(state());
        await run(commit, state);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
    return;
  }

  if (m.mode === 'none') {
    log.info(
      m.unsafe
        ? `${m.file} opens and commits transactions of its own: running its statements one by one, as the Supabase CLI does`
        : `${m.file} starts with -- pg-delta: transaction=false: running its statements one by one, outside a transaction`,
    );
    // Each statement alone, or a BEGIN … COMMIT of the file's as one.
    const units: Array<{ from: number; to: number }> = [];
    for (let i = 0; i < m.statements.length; i++) {
      const to = m.statements[i]!.transaction === 'begin' ? m.statements.findIndex((s, j) => j > i && s.transaction === 'commit') + 1 : i + 1;
      units.push({ from: i, to });
      i = to - 1;
    }
    await markApplying(client, false);
    try {
      for (const { from, to } of units) {
        const ran = m.statements.slice(0, from).filter((s) => s.kind !== '').length;
        const state = () => `${ran === 0 ? 'none of its statements ran' : `its first ${ran} statement(s) ran and stay applied`}, no history row was written`;
        await retried(to - from > 1 ? 'its transaction' : 'the statement', async () => {
          try {
            for (let i = from; i < to; i++) await run(i, state);
          } catch (err) {
            // A BEGIN the file opened must not stay open.
            await client.query('ROLLBACK').catch(() => undefined);
            throw err;
          }
        });
      }
      await retried('the history write', () =>
        record(`its statements ran and stay applied, but it is not recorded (once that is fixed, \`dbalign repair --status applied ${m.version}\` records it)`),
      );
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
  const state = () =>
    committed === 0 ? 'the file was rolled back and is not recorded' : `statements 1 to ${committed} were committed and stay applied, the rest rolled back, no history row was written`;
  for (const [k, seg] of segments.entries()) {
    const last = k === segments.length - 1;
    if (seg.alone) {
      await markApplying(client, false);
      try {
        await retried('the statement', () => run(seg.from, state));
      } finally {
        await client.query(`SELECT set_config('${APPLYING_SETTING}', '', false)`).catch(() => undefined);
      }
    } else {
      await retried(segments.length === 1 ? 'the file' : 'its transaction', () =>
        inTransaction(client, async () => {
          await markApplying(client, true);
          for (let i = seg.from; i < seg.to; i++) await run(i, state);
          if (last) await record(state());
        }),
      );
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
export async function runSeed(client: Client, seed: { path: string; hash: string }, statements: readonly Statement[], record: boolean, log: Log = silentLog): Promise<void> {
  const unit = () =>
    inTransaction(client, async () => {
      for (let i = 0; i < statements.length; i++) {
        const stmt = statements[i]!;
        if (stmt.kind === '') continue; // comments alone: nothing to run
        try {
          await client.query(stmt.sql);
        } catch (err) {
          const pgErr = err as { message?: string; position?: string };
          const pos = filePosition(stmt, pgErr.position ? Number(pgErr.position) : undefined);
          const reason = scrub(String(pgErr.message ?? err), []).split('\n')[0];
          const waits = lockWaits(client);
          throw new DbalignError(
            waits?.timeoutMs && isLockNotAvailable(err)
              ? `seed file ${seed.path} failed at statement ${i + 1} (line ${stmt.line}): ${lockAdvice(waits)}; nothing of it was kept and it is not recorded`
              : `seed file ${seed.path} failed at statement ${i + 1} (line ${pos.line}, column ${pos.column}): ${reason}; nothing of it was kept and it is not recorded: fix it and run again`,
            { cause: err },
          );
        }
      }
      if (record) await recordSeed(client, seed);
    });
  await retryLockWaits(client, unit, (err, attempt, attempts, delayMs) => log.info(retrying(`seed file ${seed.path}`, 'it', err, attempt, attempts, delayMs)));
}
