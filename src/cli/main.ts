#!/usr/bin/env node
/** The dbalign command line: parses arguments, calls the procedure layer, prints. */
import { Argument, Command, CommanderError, Option } from 'commander';
import { createInterface } from 'node:readline/promises';
import { connect } from '../db/connection.js';
import { startEmbedded, stopEmbedded } from '../db/embedded.js';
import { isDbalignError, DbalignError } from '../errors.js';
import { createMigration, versionTime } from '../migrations/files.js';
import { ensureStateDir, loadProject, type Project } from '../migrations/project.js';
import { localDataDir, remoteUrl } from '../procedure/databases.js';
import { installGuard, removeGuard, unacknowledgedDdl } from '../procedure/guard.js';
import { push } from '../procedure/push.js';
import { repair, type RepairStatus } from '../procedure/repair.js';
import { reset, type Profile } from '../procedure/reset.js';
import { readHistoryContext } from '../procedure/status.js';
import pc from 'picocolors';
import { scrub } from '../db/redact.js';
import { createOutput, renderTable, type Output } from './output.js';

const secrets: string[] = [];
function rememberSecret(url: string | undefined): void {
  if (!url) return;
  try {
    const pw = decodeURIComponent(new URL(url).password);
    if (pw) secrets.push(pw);
  } catch {
    // malformed URLs are reported where they are used
  }
}

interface Common {
  workdir?: string;
  remote?: string;
  local?: string;
  json?: boolean;
  profile?: Profile;
  lockTimeout: string;
}

function withCommon(cmd: Command, which: { remote?: boolean; local?: boolean; lock?: boolean } = {}): Command {
  cmd.option('--workdir <dir>', 'project folder holding supabase/ (default: the current folder)');
  if (which.remote) cmd.option('--remote <url>', 'production database URL (env DBALIGN_REMOTE_URL)');
  if (which.local) cmd.option('--local <url>', 'local database URL (env DBALIGN_LOCAL_URL); default: embedded server under .dbalign/');
  if (which.lock) cmd.option('--lock-timeout <seconds>', 'how long to wait for another dbalign run on the remote', '60');
  return cmd;
}

async function project(opts: Common): Promise<Project> {
  return loadProject(opts.workdir ?? process.cwd());
}

function profileOf(opts: Common, p: Project): Profile {
  if (opts.profile) return opts.profile;
  return p.isSupabase ? 'supabase' : 'plain';
}

async function confirm(question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    throw new DbalignError('this command writes to the database and needs confirmation: rerun with --yes');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    return answer === 'y' || answer === 'yes';
  } finally {
    rl.close();
  }
}

function lockMs(opts: Common): number {
  const s = Number(opts.lockTimeout);
  if (!Number.isFinite(s) || s < 0) throw new DbalignError(`invalid --lock-timeout "${opts.lockTimeout}": give seconds, as in --lock-timeout 30`);
  return s * 1000;
}

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
  $ dbalign status --remote "$DATABASE_URL"
  $ dbalign push --dry-run --remote "$DATABASE_URL"
  $ dbalign repair --status reverted 20240101120000 --remote "$DATABASE_URL"
  $ dbalign reset`,
    );

  withCommon(program.command('status').description('list local and remote migrations, flagging edited and out-of-order ones'), {
    remote: true,
  })
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ dbalign status --remote "$DATABASE_URL" --json')
    .action(async (opts: Common) => {
      const o = out();
      const p = await project(opts);
      const url = remoteUrl(opts.remote);
      rememberSecret(url);
      const client = await connect(url, 'remote');
      try {
        const { assessment } = await readHistoryContext(p.workdir, client, o.log);
        const ddl = await unacknowledgedDdl(client);
        if (opts.json) {
          o.printJson({
            aligned: assessment.aligned,
            ddlOutsideDbalign: ddl,
            migrations: assessment.migrations.map((m) => ({
              version: m.version,
              name: m.name,
              local: m.local,
              remote: m.remote,
              modified: m.modified,
              outOfOrder: m.outOfOrder,
            })),
          });
          return;
        }
        const c = o.color;
        const rows = assessment.migrations.map((m) => {
          const notes = [
            m.modified ? c.red('modified') : '',
            m.outOfOrder ? c.yellow('out of order') : '',
            !m.local ? c.yellow('no local file') : '',
            m.local && !m.remote && !m.outOfOrder ? c.cyan('pending') : '',
          ].filter(Boolean);
          return [m.local ? m.version : '', m.remote ? m.version : '', versionTime(m.version), notes.join(', ')];
        });
        o.print(renderTable(['Local', 'Remote', 'Time (UTC)', 'Notes'], rows));
        if (assessment.aligned) o.log.info('Local and remote migration history are aligned.');
        else {
          const parts = [
            assessment.pending.length ? `${assessment.pending.length} pending` : '',
            assessment.remoteOnly.length ? `${assessment.remoteOnly.length} only on the remote` : '',
            assessment.modified.length ? `${assessment.modified.length} modified after being applied` : '',
          ].filter(Boolean);
          o.log.info(`Not aligned: ${parts.join(', ')}.`);
        }
        if (ddl.length) {
          o.log.warn(`${ddl.length} DDL command(s) ran on the remote outside dbalign (recorded by the guard):`);
          for (const e of ddl.slice(0, 20)) o.log.info(`  ${e.executedAt} ${e.role}: ${e.commandTag} ${e.objectIdentity ?? ''}`);
          if (ddl.length > 20) o.log.info(`  … and ${ddl.length - 20} more (see dbalign.ddl_audit)`);
        }
      } finally {
        await client.end().catch(() => undefined);
      }
    });

  withCommon(program.command('push').description('apply pending local migrations to the remote (Strategy B)'), { remote: true, lock: true })
    .option('--dry-run', 'print the SQL and history writes; change nothing')
    .option('--include-all', 'also apply local migrations older than the newest remote one')
    .option('--include-seed', 'also run seed files not yet recorded on the remote')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ dbalign push --dry-run --remote "$DATABASE_URL"\n  $ dbalign push --yes --remote "$DATABASE_URL"')
    .action(async (opts: Common & { dryRun?: boolean; includeAll?: boolean; includeSeed?: boolean; yes?: boolean }) => {
      const o = out();
      const p = await project(opts);
      const url = remoteUrl(opts.remote);
      rememberSecret(url);
      const result = await push(
        p,
        {
          remoteUrl: url,
          dryRun: opts.dryRun,
          includeAll: opts.includeAll,
          includeSeed: opts.includeSeed,
          lockTimeoutMs: lockMs(opts),
          confirm: (ms, seeds) => {
            const list = [...ms.map((m) => ` • ${m.file}`), ...seeds.map((s) => ` • ${s.path} (seed)`)].join('\n');
            o.log.info(`Do you want to push these migrations to the remote database?\n${list}`);
            return confirm('Push?', opts.yes || opts.json);
          },
        },
        o.log,
      );
      if (opts.json) o.printJson(result);
      else if (result.dryRun) {
        if (result.sql.length) o.print(result.sql.join('\n'));
        o.log.info('Dry run: nothing was written.');
      } else if (result.applied.length || result.seeded.length) {
        o.log.info(`Finished: applied ${result.applied.length} migration(s)${result.seeded.length ? `, ${result.seeded.length} seed file(s)` : ''}.`);
      }
    });

  withCommon(program.command('repair').description('mark versions applied or reverted in the remote history, without running them (Strategy C)'), {
    remote: true,
    lock: true,
  })
    .addOption(new Option('--status <status>', 'applied: record the local file; reverted: delete the row').choices(['applied', 'reverted']).makeOptionMandatory())
    .argument('<version...>', 'migration versions')
    .option('--dry-run', 'say what would change; change nothing')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ dbalign repair --status reverted 20240101120000\n  $ dbalign repair --status applied 20240101120000 20240102090000')
    .action(async (versions: string[], opts: Common & { status: RepairStatus; dryRun?: boolean }) => {
      const o = out();
      const p = await project(opts);
      const url = remoteUrl(opts.remote);
      rememberSecret(url);
      const result = await repair(p, { remoteUrl: url, status: opts.status, versions, dryRun: opts.dryRun, lockTimeoutMs: lockMs(opts) }, o.log);
      if (opts.json) o.printJson(result);
      else {
        const verb = result.status === 'applied' ? 'marked applied' : 'marked reverted';
        o.log.info(`${result.dryRun ? 'Would have ' : ''}${verb}: ${result.changed.join(', ') || 'nothing'}`);
      }
    });

  withCommon(program.command('reset').description('rebuild the local database from the migrations and seed files'), { local: true })
    .addOption(new Option('--profile <profile>', 'prepare the database as Supabase does, or not').choices(['supabase', 'plain']))
    .option('--no-seed', 'skip seed files')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ dbalign reset\n  $ dbalign reset --local postgresql://postgres:postgres@127.0.0.1:54322/postgres')
    .action(async (opts: Common & { seed: boolean }) => {
      const o = out();
      const p = await project(opts);
      rememberSecret(opts.local ?? process.env.DBALIGN_LOCAL_URL);
      const result = await reset(p, { localUrl: opts.local, profile: profileOf(opts, p), seed: opts.seed }, o.log);
      if (opts.json) o.printJson(result);
      else o.log.info(`Finished: the local database has ${result.applied.length} migration(s)${result.seeded.length ? ` and ${result.seeded.length} seed file(s)` : ''}.`);
    });

  withCommon(program.command('guard').description('record DDL run on the remote outside dbalign (install) or stop recording (remove)'), { remote: true })
    .addArgument(new Argument('<action>', 'install or remove').choices(['install', 'remove']))
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ dbalign guard install --remote "$DATABASE_URL"')
    .action(async (action: 'install' | 'remove', opts: Common) => {
      const o = out();
      const url = remoteUrl(opts.remote);
      rememberSecret(url);
      if (action === 'install') await installGuard(url);
      else await removeGuard(url);
      if (opts.json) o.printJson({ guard: action === 'install' ? 'installed' : 'removed' });
      else
        o.log.info(
          action === 'install'
            ? 'Guard installed: DDL run outside dbalign is recorded in dbalign.ddl_audit and shown by status, check and align.'
            : 'Guard removed: DDL is no longer recorded (dbalign.ddl_audit keeps what was recorded).',
        );
    });

  withCommon(program.command('new').description('create an empty migration file named <UTC timestamp>_<name>.sql'))
    .argument('<name>', 'what the migration does, e.g. create_users')
    .action(async (name: string, opts: Common) => {
      const o = out();
      const file = await createMigration(opts.workdir ?? process.cwd(), name);
      o.print(`Created new migration at supabase/migrations/${file.file}`);
    });

  withCommon(program.command('start').description('start the embedded local database and leave it running'))
    .option('--json', 'print JSON')
    .action(async (opts: Common) => {
      const o = out();
      const p = await project(opts);
      await ensureStateDir(p);
      const server = await startEmbedded({ dataDir: localDataDir(p), major: p.major, durable: true });
      secrets.push(server.password);
      const info = { running: true, major: server.major, port: server.port, url: server.url('postgres'), alreadyRunning: !server.startedHere };
      if (opts.json) o.printJson(info);
      else o.print(`Local database (PostgreSQL ${server.major}) ${server.startedHere ? 'started' : 'already running'}: ${info.url}\nIts password is in .dbalign/local.dbalign-server.json.`);
    });

  withCommon(program.command('stop').description('stop the embedded local database'))
    .option('--clean', 'also delete its data')
    .action(async (opts: Common & { clean?: boolean }) => {
      const o = out();
      const p = await project(opts);
      const stopped = await stopEmbedded(localDataDir(p), opts.clean);
      o.log.info(stopped ? 'Stopped the local database.' : 'The local database was not running.');
      if (opts.clean) o.log.info('Deleted its data.');
    });

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

const code = await main(process.argv.slice(2));
process.exit(code);
