/** `status --all` and `check --all`: every environment of dbalign.toml in one table. */
import { DbalignError } from '../errors.js';
import { ENVIRONMENTS_FILE, environmentUrl, loadEnvironments, type Environment } from '../migrations/environments.js';
import { checkAll, statusAll, type EnvironmentReport, type VersionRow, type VersionState } from '../procedure/environments.js';
import { project, rememberSecret, type Common } from './common.js';
import { renderTable, type Output } from './output.js';

/** The environments to read; their passwords are known secrets before anything is printed. */
async function environments(opts: Common): Promise<Environment[]> {
  if (opts.remote !== undefined) throw new DbalignError('--all reads every environment of dbalign.toml: leave out --remote, or leave out --all to read one database');
  const config = await loadEnvironments(opts.workdir ?? process.cwd());
  if (!config || config.environments.length === 0) {
    throw new DbalignError(`--all reads the environments of ${ENVIRONMENTS_FILE}, and this project has none: add [environments.<name>] with url_env = "<VARIABLE>" to ${ENVIRONMENTS_FILE} beside supabase/`);
  }
  for (const env of config.environments) {
    try {
      rememberSecret(environmentUrl(env));
    } catch {
      // reported in the environment's row
    }
  }
  return config.environments;
}

const CELL: Record<VersionState, string> = { applied: 'applied', modified: 'modified', pending: 'pending', 'remote-only': 'remote only' };

function table(o: Output, rows: VersionRow[], reports: readonly EnvironmentReport[]): string {
  const c = o.color;
  const cell = (r: EnvironmentReport, s: VersionState | null) =>
    !r.reachable ? '?' : s === null ? '' : s === 'applied' ? CELL[s] : s === 'pending' ? c.cyan(CELL[s]) : s === 'modified' ? c.red(CELL[s]) : c.yellow(CELL[s]);
  return renderTable(
    ['Version', 'Name', 'Local', ...reports.map((r) => r.name)],
    rows.map((row) => [row.version, row.name, row.local ? 'file' : '', ...reports.map((r) => cell(r, row.environments[r.name] ?? null))]),
  );
}

function label(r: EnvironmentReport): string {
  return `${r.name}${r.role ? ` (${r.role})` : ''}`;
}

function historyText(r: EnvironmentReport): string {
  const h = r.history;
  if (h.aligned) return `history aligned (${h.applied.length} applied)`;
  const parts = [
    h.pending.length ? `${h.pending.length} pending` : '',
    h.remoteOnly.length ? `${h.remoteOnly.length} only there` : '',
    h.modified.length ? `${h.modified.length} modified after being applied` : '',
  ].filter(Boolean);
  return `history drift: ${parts.join(', ')}`;
}

function extras(r: EnvironmentReport): string {
  return [
    r.ddlOutsideDbalign.length ? `; ${r.ddlOutsideDbalign.length} DDL command(s) outside dbalign` : '',
    r.standins.length ? `; dbalign stand-ins (${r.standins.join(', ')}): built by dbalign` : '',
  ].join('');
}

function summary(o: Output, reports: readonly EnvironmentReport[], aligned: boolean): void {
  const unreachable = reports.filter((r) => !r.reachable);
  const drifted = reports.filter((r) => r.reachable && !r.aligned);
  if (aligned) o.log.info(`All ${reports.length} environment(s) aligned.`);
  else {
    o.log.info(
      [
        drifted.length ? `Not aligned: ${drifted.map((r) => r.name).join(', ')}.` : '',
        unreachable.length ? `Not read: ${unreachable.map((r) => r.name).join(', ')}.` : '',
      ].filter(Boolean).join(' ') || 'Not aligned.',
    );
  }
}

export async function statusAllCommand(opts: Common, o: Output): Promise<void> {
  const envs = await environments(opts);
  const p = await project(opts);
  const result = await statusAll(p, envs, { profile: opts.profile }, o.log);
  // As `status` for one: drift is shown, not an error; an environment that cannot be read is (exit 1).
  if (result.unreachable.length) process.exitCode = 1;
  if (opts.json) {
    o.printJson(result);
    return;
  }
  o.print(table(o, result.migrations, result.environments));
  for (const r of result.environments) {
    o.print(`${label(r)} ${r.database ? `at ${r.database} ` : ''}[${r.source}]: ${r.reachable ? historyText(r) + extras(r) : `not read: ${r.error}`}`);
  }
  summary(o, result.environments, result.aligned);
}

export async function checkAllCommand(opts: Common, o: Output): Promise<void> {
  const envs = await environments(opts);
  const p = await project(opts);
  const result = await checkAll(p, envs, { profile: opts.profile, shadowUrl: opts.shadow }, o.log);
  process.exitCode = result.unreachable.length ? 1 : result.aligned ? 0 : 2;
  if (opts.json) {
    o.printJson(result);
    return;
  }
  o.print(table(o, result.migrations, result.environments));
  for (const r of result.environments) {
    if (!r.reachable) {
      o.print(`${label(r)} ${r.database ? `at ${r.database} ` : ''}[${r.source}]: not read: ${r.error}`);
      continue;
    }
    const s = r.schema;
    const schema = !s.checked
      ? `schema not checked (${s.reason})`
      : s.aligned
        ? 'schema aligned'
        : `schema drift (${s.differences.length} object(s): ${s.differences.slice(0, 5).map((d) => `${d.op} ${d.key}`).join(', ')}${s.differences.length > 5 ? ', …' : ''})`;
    o.print(`${label(r)} at ${r.database} [${r.source}]: ${historyText(r)}; ${schema}${extras(r)}`);
  }
  const d = result.declarative;
  if (d && !d.aligned) {
    o.print(`Declarative schema files: ahead of the migrations (${d.differences.length} object(s)); write the migration with \`dbalign new <name> --from-schemas\``);
  }
  summary(o, result.environments, result.aligned);
}
