/** `--targets FILE` on check, push and align: the same command over a fleet of databases. */
import path from 'node:path';
import type { Command } from 'commander';
import { DbalignError } from '../errors.js';
import { loadEnvironments } from '../migrations/environments.js';
import { connect, describeUrl } from '../db/connection.js';
import { DEFAULT_CONCURRENCY, parseShard, resolveTargets, runFleet, type FleetCommand, type FleetOptions, type FleetTarget } from '../procedure/fleet.js';
import { makeTenancy, matchTenantSchemas, readTenantsFile, type Tenancy } from '../procedure/tenants.js';
import { confirm, project, remoteUrl, rememberSecret, resolveProfile, type Common } from './common.js';
import { renderTable, type Output } from './output.js';

export interface FleetFlags {
  targets?: string;
  concurrency?: string;
  shard?: string;
  runId?: string;
  resume?: boolean;
  report?: string;
  schemaTemplate?: string;
  tenants?: string;
  tenantSchemas?: string;
  sharedSchemas?: string;
}

/** Whether the command runs over many targets (databases or tenant schemas) rather than one remote. */
export function isFleet(opts: FleetFlags): boolean {
  return Boolean(opts.targets || opts.schemaTemplate !== undefined || opts.tenants || opts.tenantSchemas || opts.sharedSchemas);
}

/** Adds the fleet options; `report` is false where the command already has --report (align). */
export function withFleet(cmd: Command, report = true): Command {
  cmd.option('--targets <file>', 'run over many databases: a file with one dbalign.toml environment, URL variable or URL without a password per line, or a JSON list');
  cmd.option('--concurrency <n>', 'with --targets: databases worked on at once', String(DEFAULT_CONCURRENCY));
  cmd.option('--shard <i/n>', 'with --targets: only the i-th of n stable shares of the targets (by a hash of their names)');
  cmd.option('--run-id <id>', 'with --targets: names the run; the same id again resumes it (default: a new id from the time)');
  cmd.option('--resume', 'with --targets: resume the latest run of this command, skipping the targets it finished');
  cmd.option('--schema-template <schema>', 'schema-per-tenant: the schema the migration files are written against; they run in each tenant schema (with --tenants or --tenant-schemas)');
  cmd.option('--tenants <file>', 'with --schema-template: a file listing one tenant schema per line');
  cmd.option('--tenant-schemas <pattern>', "with --schema-template: every schema whose name matches this LIKE pattern, as in 'tenant\\_%'");
  cmd.option('--shared-schemas <list>', 'with --schema-template: schemas every tenant shares, after its own on the search_path (default: public,extensions)');
  if (report) cmd.option('--report <dir>', 'with --targets: folder the runs are kept under (default: .dbalign/fleet)');
  return cmd;
}

export async function fleetAction(
  command: FleetCommand,
  opts: Common & FleetFlags,
  o: Output,
  extra: Pick<FleetOptions, 'push' | 'align'> = {},
): Promise<void> {
  const tenancy = opts.schemaTemplate !== undefined ? makeTenancy(opts.schemaTemplate, opts.sharedSchemas) : undefined;
  if (!tenancy && (opts.tenants || opts.tenantSchemas || opts.sharedSchemas)) {
    throw new DbalignError('--tenants, --tenant-schemas and --shared-schemas need --schema-template NAME, the schema the migration files are written against');
  }
  if (tenancy) {
    if (!opts.tenants === !opts.tenantSchemas) throw new DbalignError('give the tenant schemas with one of --tenants FILE or --tenant-schemas PATTERN');
    if (!opts.remote && !opts.targets) throw new DbalignError('give the database of the tenant schemas with --remote URL or --env NAME (or many with --targets FILE)');
    if (opts.dryRun && command === 'align') throw new DbalignError('align --schema-template has no --dry-run: run `dbalign check` with the same options to see what each schema lacks');
  }
  if (opts.remote && opts.targets) throw new DbalignError('--remote and --targets do not go together: list the remote in the targets file instead');
  if (opts.remote && !tenancy) throw new DbalignError('--remote and --targets do not go together: list the remote in the targets file instead');
  if (opts.local) throw new DbalignError('--local is not used with --targets: a fleet run does not reset the local database');
  if (opts.dryRun && command === 'push') throw new DbalignError('push --targets has no --dry-run: run `dbalign check --targets FILE` to see what each database lacks');
  const concurrency = Number(opts.concurrency ?? DEFAULT_CONCURRENCY);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new DbalignError(`invalid --concurrency "${opts.concurrency}": give a whole number of at least 1, as in --concurrency 4`);
  const shard = opts.shard !== undefined ? parseShard(opts.shard) : undefined;
  const p = await project(opts);
  const databases = opts.targets ? await resolveTargets(opts.targets, process.env, await loadEnvironments(p.workdir)) : [{ name: describeUrl(remoteUrl(opts)), url: remoteUrl(opts) }];
  for (const t of databases) rememberSecret(t.url);
  const targets = tenancy ? await tenantTargets(databases, tenancy, opts) : databases;
  if (command !== 'check' && !opts.dryRun) {
    const verb = command === 'push' ? 'Push pending migrations to' : 'Align';
    if (!(await confirm(`${verb} ${shard ? `shard ${shard.index}/${shard.count} of ` : ''}${targets.length} target(s)?`, opts.yes))) {
      throw new DbalignError(`${command} cancelled: nothing was written`);
    }
  }
  // One detection per target at most; --profile or a Supabase project decide for all.
  const profile = (url: string) => resolveProfile(opts, p, url);
  const { report, files } = await runFleet(
    p,
    {
      command,
      targets,
      concurrency,
      ...(shard ? { shard } : {}),
      ...(opts.report ? { reportDir: opts.report } : {}),
      ...(opts.runId ? { runId: opts.runId } : {}),
      resume: opts.resume,
      profile,
      shadowUrl: opts.shadow,
      ...(tenancy ? { tenancy } : {}),
      ...extra,
    },
    o.log,
  );
  o.finish();
  if (o.json) o.printJson({ ...report, reportFiles: { markdown: files.markdown, json: files.json } });
  else {
    o.print(renderTable(['Target', 'Database', 'Status', 'Result'], report.results.map((r) => [r.target, r.database + (r.schema ? ` schema ${r.schema}` : ''), r.status + (r.resumed ? ' (earlier)' : ''), r.summary.length > 100 ? r.summary.slice(0, 99) + '…' : r.summary])));
    const c = report.counts;
    o.print(`${report.targets} target(s): ${c.ok} ok, ${c.differs} differ, ${c.failed} failed${c.resumed ? ` (${c.resumed} done earlier in run ${report.runId})` : ''}.`);
    o.log.info(`Report: ${path.relative(process.cwd(), files.markdown) || files.markdown} (run ${report.runId}; rerun with --run-id ${report.runId} to resume it)`);
  }
  process.exitCode = report.counts.failed ? 1 : report.counts.differs ? 2 : 0;
}

/**
 * One target per tenant schema of each database: the schemas the --tenants
 * file lists, or those matching --tenant-schemas in each database. A target
 * is called by its schema, or `<database target>#<schema>` over many databases.
 */
async function tenantTargets(databases: readonly FleetTarget[], tenancy: Tenancy, opts: FleetFlags): Promise<FleetTarget[]> {
  const listed = opts.tenants ? await readTenantsFile(opts.tenants, tenancy) : undefined;
  const out: FleetTarget[] = [];
  for (const db of databases) {
    let schemas = listed;
    if (!schemas) {
      const client = await connect(db.url, 'remote');
      try {
        schemas = await matchTenantSchemas(client, opts.tenantSchemas!, tenancy);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    for (const schema of schemas) out.push({ name: databases.length === 1 && !opts.targets ? schema : `${db.name}#${schema}`, url: db.url, schema });
  }
  if (!out.length) throw new DbalignError(`no schema matches --tenant-schemas '${opts.tenantSchemas}' (a LIKE pattern: % any characters, _ one, \\_ a literal underscore)`);
  return out;
}
