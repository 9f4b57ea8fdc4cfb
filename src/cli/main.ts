#!/usr/bin/env node
/** The dbalign command line: parses arguments, calls the procedure layer, prints. */
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { scrub } from '../db/redact.js';
import { isDbalignError } from '../errors.js';
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
  program.exitOverride();
  for (const a of argv) if (/^postgres(ql)?:\/\//i.test(a)) rememberSecret(a);
  rememberSecret(process.env.DBALIGN_REMOTE_URL);
  rememberSecret(process.env.DBALIGN_LOCAL_URL);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    output?.finish();
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 1;
    }
    const o = out();
    const message = isDbalignError(err) ? err.message : `${(err as Error)?.message ?? String(err)} (unexpected: please report it)`;
    const line = message.split('\n')[0]!;
    if (json) o.printJson({ error: line });
    else process.stderr.write(pc.createColors(Boolean(process.stderr.isTTY) && !process.env.NO_COLOR).red('error: ') + scrub(line, secrets) + '\n');
    if (process.env.DBALIGN_DEBUG && err instanceof Error) process.stderr.write(String(err.stack) + '\n');
    return 1;
  } finally {
    output?.finish();
  }
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
