/** Commands of the alignment procedure: pull, backup, restore, align, check, guard, demo. */
import path from 'node:path';
import { Argument, Option, type Command } from 'commander';
import { fleetAction, isFleet, withFleet, type FleetFlags } from './fleet.js';
import { ensureStateDir } from '../migrations/project.js';
import { align, type StrategyOption } from '../procedure/align.js';
import { backup, formatBytes, restore } from '../procedure/backup.js';
import { check } from '../procedure/check.js';
import { demo } from '../procedure/demo.js';
import { installGuard, removeGuard } from '../procedure/guard.js';
import { pullDeclarative } from '../procedure/declarative.js';
import { pull } from '../procedure/pull.js';
import { DbalignError } from '../errors.js';
import { renderMarkdown, STRATEGY_TITLES } from '../procedure/report.js';
import { checkAllCommand } from './environments.js';
import { confirm, lockMs, project, renameOptions, tableLockWaits, rememberSecret, remoteUrl, resolveProfile, withCommon, type Common, type OutputFactory } from './common.js';

export function procedureCommands(program: Command, out: OutputFactory): void {
  withCommon(program.command('pull').description('capture the remote schema changes no migration contains in a new migration (Strategy A)'), {
    renames: true,
    remote: true,
    shadow: true,
    profile: true,
    lock: true,
    backup: true,
    json: true,
  })
    .option('--name <name>', 'name of the new migration', 'remote_schema')
    .option('--dry-run', 'print the SQL; write nothing')
    .option('--declarative', "write the remote's schema as declarative files instead (see --dir), to adopt the declarative workflow")
    .option('--dir <folder>', 'the folder --declarative writes', 'supabase/schemas')
    .addHelpText('after', '\nExamples:\n  $ dbalign pull --dry-run --remote "$DATABASE_URL"\n  $ dbalign pull --name hotfixes --remote "$DATABASE_URL"\n  $ dbalign pull --declarative --remote "$DATABASE_URL"')
    .action(async (opts: Common & { name: string; declarative?: boolean; dir: string }) => {
      const o = out();
      const p = await project(opts);
      const url = remoteUrl(opts);
      if (opts.declarative) {
        if (opts.dryRun) throw new DbalignError('pull --declarative has no --dry-run: it writes files only (the remote is read, never written); review them with git diff');
        const result = await pullDeclarative(p, { remoteUrl: url, dir: opts.dir, profile: await resolveProfile(opts, p, url), shadowUrl: opts.shadow, confirm: async (q) => {
          if (!opts.yes && !process.stdin.isTTY) throw new DbalignError(`${opts.dir}/ already holds files: rerun with --yes to replace them with the remote's schema`);
          return confirm(q, opts.yes);
        } }, o.log);
        if (opts.json) o.printJson(result);
        else o.print(`Wrote ${result.files.length} file(s) to ${result.dir}/; ${result.verified ? 'built again, they give the remote schema exactly' : `built again, they differ from the remote in ${result.differences.length} object(s)`}.`);
        if (!result.verified) process.exitCode = 2;
        return;
      }
      const result = await pull(
        p,
        { remoteUrl: url, name: opts.name, dryRun: opts.dryRun, profile: await resolveProfile(opts, p, url), shadowUrl: opts.shadow, backup: opts.backup, lockTimeoutMs: lockMs(opts), lockWaits: tableLockWaits(opts), renames: renameOptions(opts) },
        o.log,
      );
      if (opts.json) o.printJson(result);
      else if (result.dryRun && result.sql) o.print(result.sql);
    });

  withCommon(program.command('backup').description('logical backup of the remote: schema, data of every table, manifest'), { remote: true, profile: true, json: true })
    .option('--out <dir>', 'a new folder for the backup (default: .dbalign/backups/<UTC time>)')
    .addHelpText('after', '\nExample:\n  $ dbalign backup --remote "$DATABASE_URL" --out backups/before-release')
    .action(async (opts: Common & { out?: string }) => {
      const o = out();
      const p = await project(opts);
      const url = remoteUrl(opts);
      let dir = opts.out;
      if (!dir) {
        await ensureStateDir(p);
        dir = path.join(p.stateDir, 'backups', new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z'));
      }
      const manifest = await backup({ url, out: dir, profile: await resolveProfile(opts, p, url) }, o.log);
      const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
      const bytes = manifest.tables.reduce((n, t) => n + t.bytes, 0);
      if (opts.json) o.printJson({ dir: path.resolve(dir), tables: manifest.tables.length, rows, bytes, manifest: path.join(path.resolve(dir), 'manifest.json') });
      else o.log.info(`Backup written to ${dir}: ${manifest.tables.length} tables, ${rows} rows, ${formatBytes(bytes)} compressed.`);
    });

  withCommon(program.command('restore').description('restore a backup into an empty database and verify it'), { tableLock: true, json: true })
    .argument('<dir>', 'backup folder (holding manifest.json)')
    .requiredOption('--to <url>', 'an empty database')
    .addHelpText('after', '\nExample:\n  $ dbalign restore .dbalign/backups/20240101T120000Z --to postgresql://postgres@127.0.0.1:5432/restored')
    .action(async (dir: string, opts: Common & { to: string }) => {
      const o = out();
      rememberSecret(opts.to);
      const result = await restore(dir, opts.to, o.log, tableLockWaits(opts));
      if (opts.json) o.printJson(result);
      else o.log.info(`Restored ${result.tables} tables and ${result.rows} rows; counts and checksums match the backup.`);
    });

  withFleet(withCommon(program.command('align').description('the whole procedure: checklist, assess, choose, execute, verify, report'), {
    renames: true,
    remote: true,
    local: true,
    shadow: true,
    profile: true,
    lock: true,
    backup: true,
    json: true,
  }), false)
    .addOption(new Option('--strategy <strategy>', 'auto, or force pull (A), push (B) or repair (C)').choices(['auto', 'pull', 'push', 'repair']).default('auto'))
    .option('--dry-run', 'assess and choose; write nothing but the report')
    .option('--name <name>', 'name of the migration Strategy A writes', 'remote_schema')
    .option('--report <file>', 'report file (.md and .json) or folder (default: supabase/.dbalign/reports/); with --targets, the folder runs are kept under (default: .dbalign/fleet)')
    .addHelpText('after', '\nExamples:\n  $ dbalign align --dry-run --remote "$DATABASE_URL"\n  $ dbalign align --yes --remote "$DATABASE_URL" --report alignment.md\n  $ dbalign align --yes --targets tenants.txt --shard 1/4')
    .action(async (opts: Common & FleetFlags & { strategy: StrategyOption; name: string; report?: string }) => {
      const o = out();
      if (isFleet(opts)) {
        const align = { strategy: opts.strategy, dryRun: opts.dryRun, backup: opts.backup, lockTimeoutMs: lockMs(opts), lockWaits: tableLockWaits(opts), renames: renameOptions(opts), name: opts.name };
        return fleetAction('align', opts, o, { align });
      }
      const p = await project(opts);
      const url = remoteUrl(opts);
      rememberSecret(opts.local ?? process.env.DBALIGN_LOCAL_URL);
      const { report, files } = await align(
        p,
        {
          remoteUrl: url,
          localUrl: opts.local,
          strategy: opts.strategy,
          dryRun: opts.dryRun,
          profile: await resolveProfile(opts, p, url),
          backup: opts.backup,
          shadowUrl: opts.shadow,
          lockTimeoutMs: lockMs(opts),
          lockWaits: tableLockWaits(opts),
          renames: renameOptions(opts),
          name: opts.name,
          report: opts.report,
          confirm: (plan) => {
            o.log.info('Plan:');
            plan.forEach((s, i) => o.log.info(`  ${i + 1}. ${STRATEGY_TITLES[s.strategy]}: ${s.description}`));
            return confirm('Run this plan on the remote?', opts.yes);
          },
        },
        o.log,
      );
      if (opts.json) o.printJson({ ...report, reportFiles: files });
      else {
        for (const v of report.verification) o.log.info(`${v.ok ? '✔' : '✘'} ${v.item}: ${v.detail}`);
        if (report.standins.length) o.log.info(`Stand-ins in the shadow and local databases (not compared): ${report.standins.join(', ')}`);
        o.log.info(`Outcome: ${report.outcome}. Report: ${path.relative(process.cwd(), files.markdown)}`);
      }
      if (report.outcome === 'not aligned') process.exitCode = 2;
    });

  withFleet(withCommon(program.command('check').description('read-only drift check for CI: exit 0 aligned, 2 drift, 1 error'), { remote: true, shadow: true, profile: true, json: true }))
    .option('--all', 'every environment of dbalign.toml, each compared with one shadow build of the migrations')
    .addHelpText('after', '\nExamples:\n  $ dbalign check --remote "$DATABASE_URL" --json\n  $ dbalign check --all --json\n  $ dbalign check --targets tenants.txt --concurrency 8 --shard 2/4')
    .action(async (opts: Common & FleetFlags) => {
      const o = out();
      if (opts.all) return checkAllCommand(opts, o);
      if (isFleet(opts)) return fleetAction('check', opts, o);
      const p = await project(opts);
      const url = remoteUrl(opts);
      const result = await check(p, { remoteUrl: url, profile: await resolveProfile(opts, p, url), shadowUrl: opts.shadow }, o.log);
      if (opts.json) o.printJson(result);
      else {
        const h = result.history;
        o.print(`History: ${h.aligned ? 'aligned' : `drift (pending ${h.pending.length}, remote only ${h.remoteOnly.length}, modified ${h.modified.length})`}`);
        o.print(`Schema: ${!result.schema.checked ? `not checked (${result.schema.reason})` : result.schema.aligned ? 'aligned' : `drift (${result.schema.differences.length} object(s): ${result.schema.differences.slice(0, 5).map((d) => `${d.op} ${d.key}`).join(', ')})`}`);
        const d = result.declarative;
        if (d) {
          o.print(`Declarative schema files: ${d.aligned ? `caught up (${d.files} file(s))` : `ahead of the migrations (${d.differences.length} object(s): ${d.differences.slice(0, 5).map((x) => `${x.op} ${x.key}`).join(', ')}); write the migration with \`dbalign new <name> --from-schemas\``}`);
        }
        if (result.ddlOutsideDbalign.length) o.print(`DDL outside dbalign: ${result.ddlOutsideDbalign.length} command(s), e.g. ${result.ddlOutsideDbalign[0]!.commandTag} ${result.ddlOutsideDbalign[0]!.objectIdentity ?? ''}`);
      }
      if (!result.aligned) process.exitCode = 2;
    });

  withCommon(program.command('guard').description('record DDL run on the remote outside dbalign (install) or stop recording (remove)'), { remote: true, json: true })
    .addArgument(new Argument('<action>', 'install or remove').choices(['install', 'remove']))
    .addHelpText('after', '\nExample:\n  $ dbalign guard install --remote "$DATABASE_URL"')
    .action(async (action: 'install' | 'remove', opts: Common) => {
      const o = out();
      const url = remoteUrl(opts);
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

  program
    .command('demo')
    .description('run the whole procedure on a throwaway project with embedded production and local databases')
    .option('--keep', 'keep the demo project folder')
    .option('-y, --yes', 'accepted for symmetry: the demo asks nothing')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { keep?: boolean; json?: boolean }) => {
      const o = out();
      const result = await demo({ keep: opts.keep }, o.log);
      if (opts.json) o.printJson(result.report);
      else o.print('\n' + renderMarkdown(result.report));
      if (opts.keep) o.log.info(`The demo project is kept at ${result.workdir}`);
      if (result.report.outcome !== 'aligned') process.exitCode = 2;
    });
}
