#!/usr/bin/env node
/** The dbalign command line: parses arguments, calls the procedure layer, prints. */
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { scrub } from '../db/redact.js';
import { fileProblem, isDbalignError } from '../errors.js';
import { rememberSecret, secrets } from './common.js';
import { historyCommands } from './history.js';
import { createOutput, type Output } from './output.js';
import { procedureCommands } from './procedure.js';
import { schemaCommands } from './schema.js';

export function buildProgram(out: () => Output): Command {
  const program = new Command('dbalign')
    .description('Keep a local PostgreSQL database, its migration files and production aligned (Supabase-compatible, no Docker).')
    .version('0.1.0')
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `
Exit codes: 0 fine, 1 error, 2 differences found.

Examples:
  $ dbalign demo
  $ dbalign status --remote "$DATABASE_URL"
  $ dbalign align --dry-run --remote "$DATABASE_URL"
  $ dbalign diff --from migrations --to remote
  $ dbalign check --remote "$DATABASE_URL"   # in CI`,
    );

  historyCommands(program, out);
  schemaCommands(program, out);
  procedureCommands(program, out);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  let output: Output | undefined;
  const out = () => (output ??= createOutput(json, () => secrets));
  const program = buildProgram(out);
  // Usage errors of subcommands come back here too; with --json they are JSON.
  let usageError: string | undefined;
  for (const cmd of [program, ...program.commands]) {
    cmd.exitOverride();
    if (json) cmd.configureOutput({ outputError: (text) => (usageError = text.trim().replace(/^error: /, '')) });
  }
  for (const a of argv) if (/^postgres(ql)?:\/\//i.test(a)) rememberSecret(a);
  rememberSecret(process.env.DBALIGN_REMOTE_URL);
  rememberSecret(process.env.DBALIGN_LOCAL_URL);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    output?.finish();
    if (err instanceof CommanderError) {
      if (err.exitCode !== 0 && usageError) out().printJson({ error: `${usageError.split('\n')[0]}; see dbalign --help` });
      return err.exitCode === 0 ? 0 : 1;
    }
    const o = out();
    const message = isDbalignError(err) ? err.message : (serverError(err) ?? fileSystemError(err) ?? `${(err as Error)?.message ?? String(err)} (unexpected: please report it)`);
    const line = message.split('\n')[0]!;
    if (json) o.printJson({ error: line });
    else process.stderr.write(pc.createColors(Boolean(process.stderr.isTTY) && !process.env.NO_COLOR).red('error: ') + scrub(line, secrets) + '\n');
    if (process.env.DBALIGN_DEBUG && err instanceof Error) process.stderr.write(String(err.stack) + '\n');
    return 1;
  } finally {
    output?.finish();
  }
}

/**
 * What the database said, when it said it: an error the server reports (it
 * has a SQLSTATE) or a lost connection is the user's to act on, not a bug.
 */
function serverError(err: unknown): string | undefined {
  const e = err as { code?: unknown; severity?: unknown; message?: unknown };
  const message = String(e?.message ?? '').split('\n')[0] ?? '';
  if (/^Connection terminated|^Client has encountered a connection error/.test(message)) {
    return `the connection to the database was lost (${message}): check the server and run again; what was committed stays recorded`;
  }
  if (typeof e?.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code) || typeof e.severity !== 'string') return undefined;
  const code = e.code;
  const advice =
    code === '42501' ? 'connect as a role with that privilege, such as the database owner'
    : code.startsWith('53') ? 'the server is out of a resource (disk, memory or connections): free it and run again'
    : code.startsWith('57P') ? 'the server shut down or restarted: run again once it is back'
    : code.startsWith('08') ? 'the connection failed: check the server and run again'
    : code === '55P03' || code === '40P01' || code === '40001' ? 'another session held what this run needed: run again'
    : code === '57014' ? 'a statement was cancelled (statement_timeout?): run again, or raise the timeout'
    : 'fix what the message names and run again';
  return `the database refused it: ${message} (SQLSTATE ${code}); ${advice}`;
}

/**
 * A file or folder the system refused (read-only, full, in the way) where no
 * command said so in its own words: the user's to fix, not a bug.
 */
function fileSystemError(err: unknown): string | undefined {
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code !== 'string' || !/^E[A-Z]+$/.test(e.code) || typeof e.syscall !== 'string' || typeof e.path !== 'string') return undefined;
  return `cannot ${e.syscall} ${e.path}: ${fileProblem(err)}; check that the folder is writable and has free space, then run again`;
}

// A reader that goes away (`dbalign … | head`) closes the pipe: what is left to print is dropped,
// and the command still finishes what it was doing (a push is not cut off between two files).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    stream.destroy();
  });
}
const code = await main(process.argv.slice(2));
// On a pipe, writes are asynchronous: let them drain before exiting.
await Promise.all(
  [process.stdout, process.stderr].map((stream) => (stream.destroyed ? undefined : new Promise((resolve) => stream.write('', resolve)))),
);
process.exit(code);
