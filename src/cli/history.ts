/** Commands on migration history and the local database: status, push, repair, reset, new, start, stop. */
import { fleetAction, isFleet, withFleet, type FleetFlags } from './fleet.js';
import { Option, type Command } from 'commander';
import { connect } from '../db/connection.js';
import { startEmbedded, stopEmbedded } from '../db/embedded.js';
import { newFromSchemas } from '../procedure/declarative.js';
import { scopeFor } from '../procedure/schema.js';
import { createMigration, versionTime } from '../migrations/files.js';
import { ensureStateDir, initProject } from '../migrations/project.js';
import { localDataDir } from '../procedure/databases.js';
import { unacknowledgedDdl } from '../procedure/guard.js';
import { push } from '../procedure/push.js';
import { repair, type RepairStatus } from '../procedure/repair.js';
import { reset } from '../procedure/reset.js';
import { standinExtensions } from '../procedure/standins.js';
import { readHistoryContext } from '../procedure/status.js';
import { confirm, lockMs, project, renameOptions, tableLockWaits, rememberSecret, remoteUrl, resolveProfile, secrets, withCommon, type Common, type OutputFactory } from './common.js';
import { statusAllCommand } from './environments.js';
import { renderTable } from './output.js';

export function historyCommands(program: Command, out: OutputFactory): void {
  withCommon(program.command('status').description('list local and remote migrations, flagging edited and out-of-order ones'), {
    remote: true,
    json: true,
  })
    .option('--all', 'every environment of dbalign.toml: one table of versions across them')
    .addHelpText('after', '\nExamples:\n  $ dbalign status --remote "$DATABASE_URL" --json\n  $ dbalign status --env staging\n  $ dbalign status --all')
    .action(async (opts: Common) => {
      const o = out();
      if (opts.all) return statusAllCommand(opts, o);
      const p = await project(opts);
      const url = remoteUrl(opts);
      const client = await connect(url, 'remote');
      try {
        const { assessment } = await readHistoryContext(p.workdir, client, o.log);
        const ddl = await unacknowledgedDdl(client);
        // A real production never has them: a remote that does was built by dbalign.
        const standins = await standinExtensions(client);
        if (standins.length) o.log.warn(`the remote has dbalign stand-in extensions (${standins.join(', ')}): it was built by dbalign, not a server with the real extensions`);
        if (opts.json) {
          o.printJson({
            aligned: assessment.aligned,
            ddlOutsideDbalign: ddl,
            ...(standins.length ? { standins } : {}),
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

  withFleet(withCommon(program.command('push').description('apply pending local migrations to the remote (Strategy B)'), { remote: true, lock: true, backup: true, profile: true, json: true }))
    .option('--dry-run', 'print the SQL and history writes; change nothing')
    .option('--include-all', 'also apply local migrations older than the newest remote one')
    .option('--include-seed', 'also run seed files not yet recorded on the remote (a changed one only gets its recorded hash updated)')
    .addHelpText('after', '\nExamples:\n  $ dbalign push --dry-run --remote "$DATABASE_URL"\n  $ dbalign push --yes --remote "$DATABASE_URL"\n  $ dbalign push --yes --targets tenants.txt --concurrency 8')
    .action(async (opts: Common & FleetFlags & { dryRun?: boolean; includeAll?: boolean; includeSeed?: boolean; yes?: boolean }) => {
      const o = out();
      if (isFleet(opts)) {
        const push = { backup: opts.backup, includeAll: opts.includeAll, includeSeed: opts.includeSeed, lockTimeoutMs: lockMs(opts), lockWaits: tableLockWaits(opts) };
        return fleetAction('push', opts, o, { push });
      }
      const p = await project(opts);
      const url = remoteUrl(opts);
      const result = await push(
        p,
        {
          remoteUrl: url,
          profile: await resolveProfile(opts, p, url),
          backup: opts.backup,
          dryRun: opts.dryRun,
          includeAll: opts.includeAll,
          includeSeed: opts.includeSeed,
          lockTimeoutMs: lockMs(opts),
          lockWaits: tableLockWaits(opts),
          confirm: (ms, seeds) => {
            const list = [...ms.map((m) => ` • ${m.file}`), ...seeds.map((s) => ` • ${s.path} (${s.changed ? 'seed changed since it ran: its hash is updated, it is not run again' : 'seed'})`)].join('\n');
            o.log.info(`Do you want to push these migrations to the remote database?\n${list}`);
            return confirm('Push?', opts.yes);
          },
        },
        o.log,
      );
      if (opts.json) o.printJson(result);
      else if (result.dryRun) {
        if (result.sql.length) o.print(result.sql.join('\n'));
        o.log.info('Dry run: nothing was written.');
      } else if (result.applied.length || result.seeded.length || result.seedHashesUpdated.length) {
        const seeds = [
          result.seeded.length ? `, ${result.seeded.length} seed file(s)` : '',
          result.seedHashesUpdated.length ? `, updated the hash of ${result.seedHashesUpdated.length} changed seed file(s) without running them` : '',
        ].join('');
        o.log.info(`Finished: applied ${result.applied.length} migration(s)${seeds}.`);
      }
    });

  withCommon(program.command('repair').description('mark versions applied or reverted in the remote history, without running them (Strategy C)'), {
    remote: true,
    lock: true,
    backup: true,
    profile: true,
    json: true,
  })
    .addOption(new Option('--status <status>', 'applied: record the local file; reverted: delete the row').choices(['applied', 'reverted']).makeOptionMandatory())
    .argument('<version...>', 'migration versions')
    .option('--dry-run', 'say what would change; change nothing')
    .addHelpText('after', '\nExamples:\n  $ dbalign repair --status reverted 20240101120000\n  $ dbalign repair --status applied 20240101120000 20240102090000')
    .action(async (versions: string[], opts: Common & { status: RepairStatus; dryRun?: boolean }) => {
      const o = out();
      const p = await project(opts);
      const url = remoteUrl(opts);
      const profile = await resolveProfile(opts, p, url);
      const result = await repair(p, { remoteUrl: url, status: opts.status, versions, dryRun: opts.dryRun, lockTimeoutMs: lockMs(opts), lockWaits: tableLockWaits(opts), backup: opts.backup, profile }, o.log);
      if (opts.json) o.printJson(result);
      else {
        const verb = result.status === 'applied' ? 'marked applied' : 'marked reverted';
        o.log.info(`${result.dryRun ? 'Would have ' : ''}${verb}: ${result.changed.join(', ') || 'nothing'}`);
      }
    });

  withCommon(program.command('reset').description('rebuild the local database from the migrations and seed files'), { local: true, profile: true, json: true })
    .option('--no-seed', 'skip seed files')
    .addHelpText('after', '\nExample:\n  $ dbalign reset\n  $ dbalign reset --yes --local postgresql://postgres:postgres@127.0.0.1:54322/postgres')
    .action(async (opts: Common & { seed: boolean }) => {
      const o = out();
      const p = await project(opts);
      rememberSecret(opts.local ?? process.env.DBALIGN_LOCAL_URL);
      const result = await reset(
        p,
        {
          localUrl: opts.local,
          profile: await resolveProfile(opts, p),
          seed: opts.seed,
          remoteUrl: process.env.DBALIGN_REMOTE_URL,
          confirmRecreate: (database) => confirm(`Drop the database ${database} and rebuild it from the migrations?`, opts.yes),
        },
        o.log,
      );
      if (opts.json) o.printJson(result);
      else {
        o.log.info(`Finished: the local database has ${result.applied.length} migration(s)${result.seeded.length ? ` and ${result.seeded.length} seed file(s)` : ''}.`);
        if (result.standins.length) o.log.info(`Stand-ins (dbalign's, for extensions the embedded server lacks): ${result.standins.join(', ')}`);
      }
    });

  withCommon(program.command('init').description('set up a project: supabase/migrations/ and a git-ignored .dbalign/'))
    .action(async (opts: Common) => {
      const o = out();
      const { created } = await initProject(opts.workdir ?? process.cwd());
      o.log.info(created.length ? `Created ${created.join(', ')}.` : 'Already set up.');
    });

  withCommon(program.command('new').description('create a migration file named <UTC timestamp>_<name>.sql: empty, or with --from-schemas what the declarative schema files add'), {
    renames: true,
    shadow: true,
    profile: true,
    json: true,
  })
    .argument('<name>', 'what the migration does, e.g. create_users')
    .option('--from-schemas', 'write the SQL that takes the schema the migrations build to the one supabase/schemas/ (or [db.migrations] schema_paths) declares, as `supabase db diff -f` does')
    .action(async (name: string, opts: Common & { fromSchemas?: boolean }) => {
      const o = out();
      if (!opts.fromSchemas) {
        const file = await createMigration(opts.workdir ?? process.cwd(), name);
        if (opts.json) o.printJson({ file: `supabase/migrations/${file.file}`, version: file.version });
        else o.print(`Created new migration at supabase/migrations/${file.file}`);
        return;
      }
      const p = await project(opts);
      const profile = await resolveProfile(opts, p);
      const result = await newFromSchemas(p, name, { profile, major: p.major, shadowUrl: opts.shadow, scope: scopeFor(profile), renames: renameOptions(opts) }, o.log);
      if (opts.json) {
        o.printJson(result);
        return;
      }
      if (!result.file) {
        o.log.info(`No schema changes found: the migrations build what the ${result.schemaFiles.length} declarative file(s) declare. Nothing was written.`);
        return;
      }
      const hazards = (result.sql.match(/^-- hazard: /gm) ?? []).length;
      o.print(`Created new migration at ${result.file} (${result.objects.length} object(s) differ${hazards ? `, ${hazards} hazard(s): review the file` : ''})`);
    });

  withCommon(program.command('start').description('start the embedded local database and leave it running'), { json: true })
    .action(async (opts: Common) => {
      const o = out();
      const p = await project(opts);
      await ensureStateDir(p);
      const server = await startEmbedded({ dataDir: localDataDir(p), major: p.major, durable: true, keep: true });
      secrets.push(server.password);
      const info = { running: true, major: server.major, port: server.port, url: server.url('postgres'), alreadyRunning: !server.startedHere };
      if (opts.json) o.printJson(info);
      else o.print(`Local database (PostgreSQL ${server.major}) ${server.startedHere ? 'started' : 'already running'}: ${info.url}\nIts password is in .dbalign/local.dbalign-server.json.`);
    });

  withCommon(program.command('stop').description('stop the embedded local database'))
    .option('--clean', 'also delete its data')
    .option('--force', 'stop it even while other dbalign runs use it')
    .action(async (opts: Common & { clean?: boolean; force?: boolean }) => {
      const o = out();
      const p = await project(opts);
      const stopped = await stopEmbedded(localDataDir(p), opts.clean, opts.force);
      o.log.info(stopped ? 'Stopped the local database.' : 'The local database was not running.');
      if (opts.clean) o.log.info('Deleted its data.');
    });

}
