/**
 * Fleets: `check`, `push` or `align` over many databases (`--targets FILE`).
 * Each target runs the single-database procedure with its own connection,
 * lock, backup and transactions; one target's failure is recorded and the
 * others go on. The shadow the migrations build is shared by all targets.
 * Results are appended as each target ends, so a rerun of the same run id
 * skips the targets already done; a Markdown and JSON summary ends the run.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describeUrl, parseUrl } from '../db/connection.js';
import { redact, scrub } from '../db/redact.js';
import { writeDurably } from '../durable.js';
import { DbalignError, fileProblem } from '../errors.js';
import { environmentUrl, ENVIRONMENTS_FILE, type EnvironmentConfig } from '../migrations/environments.js';
import { ensureStateDir, type Project } from '../migrations/project.js';
import { align, type AlignOptions } from './align.js';
import { check } from './check.js';
import type { Log } from './log.js';
import { push, type PushOptions } from './push.js';
import type { Profile } from './reset.js';
import { ShadowSnapshots } from './shadow.js';
import { prepareTenantHistory, tenantAlign, tenantCheck, tenantPush, TemplateShadow, type Tenancy } from './tenants.js';
import { assertTenantMigrations } from '../migrations/tenants.js';
import { listMigrations, loadMigrations } from '../migrations/files.js';

export type FleetCommand = 'check' | 'push' | 'align';

export interface FleetTarget {
  /** The variable's name, the JSON object's name, or host:port/database of a literal URL. */
  name: string;
  url: string;
  /** Schema-per-tenant: the tenant schema the command works on in that database. */
  schema?: string;
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export type TargetStatus = 'ok' | 'differs' | 'failed';

export interface TargetResult {
  target: string;
  /** host:port/database, never a password. */
  database: string;
  /** The tenant schema, in a schema-per-tenant run. */
  schema?: string;
  status: TargetStatus;
  /** One line: what was found or done, or why it failed. */
  summary: string;
  error?: string;
  warnings: string[];
  startedAt: string;
  ms: number;
  /** Done by an earlier invocation of this run and skipped by this one. */
  resumed?: boolean;
  /** What the command found or did: differences (check), versions applied and the backup (push), outcome and report (align). */
  details: Record<string, unknown>;
}

export interface FleetReport {
  tool: 'dbalign';
  command: FleetCommand;
  runId: string;
  shard: Shard | null;
  startedAt: string;
  finishedAt: string;
  /** Targets in this shard (all of them without --shard). */
  targets: number;
  counts: Record<TargetStatus, number> & { resumed: number };
  /** Shadow databases built for the whole run (once per distinct set of migrations and server major). */
  shadowsBuilt: number;
  results: TargetResult[];
}

export interface FleetOptions {
  command: FleetCommand;
  targets: readonly FleetTarget[];
  /** Targets run at once (default 4). */
  concurrency?: number;
  shard?: Shard;
  /** The folder runs are kept under (default .dbalign/fleet). */
  reportDir?: string;
  /** Names the run; a run id already used resumes that run. */
  runId?: string;
  /** Without runId: resume the latest run of this command. */
  resume?: boolean;
  /** The profile of a target (--profile, the project's, or detected). */
  profile: (url: string) => Promise<Profile>;
  shadowUrl?: string;
  push?: Omit<PushOptions, 'remoteUrl' | 'profile' | 'confirm' | 'dryRun'>;
  align?: Omit<AlignOptions, 'remoteUrl' | 'profile' | 'confirm' | 'report' | 'localUrl' | 'snapshots' | 'fleet' | 'shadowUrl'>;
  /** Schema-per-tenant: every target names a schema, and the migrations run in it (see tenants.ts). */
  tenancy?: Tenancy;
}

export const DEFAULT_CONCURRENCY = 4;

const VARIABLE = /^\$?(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/**
 * The targets a `--targets` file lists: one per line (`VAR`, `$VAR` or a
 * postgresql:// URL without a password; `#` starts a comment), or a JSON list
 * of such strings or of `{ "name", "url_env" }` objects. A name that is one of
 * dbalign.toml's environments is that environment (its URL from its variable).
 * URLs come from the environment; a password written in the file is refused.
 */
export async function resolveTargets(file: string, env: NodeJS.ProcessEnv = process.env, environments?: EnvironmentConfig): Promise<FleetTarget[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new DbalignError(`cannot read the targets file ${file}: ${fileProblem(err)}; give a file listing one URL variable (or URL without a password) per line`, { cause: err });
  }
  const entries: Array<{ where: string; value: string; name?: string; env?: string }> = [];
  if (text.trimStart().startsWith('[')) {
    let list: unknown;
    try {
      list = JSON.parse(text);
    } catch (err) {
      throw new DbalignError(`the targets file ${file} is not valid JSON (${(err as Error).message}): give a JSON list of variable names or of {"name", "url_env"} objects`, { cause: err });
    }
    if (!Array.isArray(list)) throw new DbalignError(`the targets file ${file} must hold a JSON list`);
    list.forEach((item, i) => {
      const where = `${file} item ${i + 1}`;
      if (typeof item === 'string') entries.push({ where, value: item.trim() });
      else if (item && typeof item === 'object' && typeof (item as { url_env?: unknown }).url_env === 'string') {
        const o = item as { name?: unknown; url_env: string };
        if (o.name !== undefined && (typeof o.name !== 'string' || !o.name.trim())) throw new DbalignError(`${where}: "name" must be a non-empty string`);
        if (!VARIABLE.test(o.url_env)) throw new DbalignError(`${where}: "url_env" must be the name of an environment variable, such as "TENANT_1_DB_URL"`);
        entries.push({ where, value: o.url_env, ...(typeof o.name === 'string' ? { name: o.name.trim() } : {}) });
      } else {
        throw new DbalignError(`${where}: give a variable name (a string) or an object {"name": "…", "url_env": "VARIABLE"}`);
      }
    });
  } else {
    text.split(/\r?\n/).forEach((line, i) => {
      const value = line.trim();
      if (value && !value.startsWith('#')) entries.push({ where: `${file} line ${i + 1}`, value });
    });
  }
  if (!entries.length) throw new DbalignError(`the targets file ${file} lists no target: give one URL variable (or URL without a password) per line`);

  const targets: FleetTarget[] = [];
  const unset: string[] = [];
  for (const e of entries) {
    const named = environments?.environments.find((x) => x.name === e.value);
    if (named) {
      try {
        targets.push({ name: e.name ?? named.name, url: environmentUrl(named, env) });
      } catch (err) {
        throw new DbalignError(`${e.where}: ${(err as Error).message} (${ENVIRONMENTS_FILE})`, { cause: err });
      }
      continue;
    }
    const variable = VARIABLE.exec(e.value);
    if (variable) {
      const name = variable[1] ?? variable[2]!;
      const url = env[name];
      if (!url) {
        unset.push(name);
        continue;
      }
      try {
        parseUrl(url, 'remote');
      } catch {
        throw new DbalignError(`${e.where}: the environment variable ${name} does not hold a postgresql:// URL`);
      }
      targets.push({ name: e.name ?? name, url });
    } else if (/^postgres(ql)?:\/\//i.test(e.value)) {
      const u = parseUrl(e.value, 'remote');
      if (u.password || /(^|&)(password|sslpassword)=/i.test(u.search.slice(1))) {
        throw new DbalignError(`${e.where}: a URL with a password (${redact(e.value)}); put the URL in an environment variable and list the variable's name instead`);
      }
      targets.push({ name: e.name ?? describeUrl(e.value), url: e.value });
    } else {
      throw new DbalignError(`${e.where} is neither an environment of ${ENVIRONMENTS_FILE}, an environment variable name nor a postgresql:// URL: list a variable holding the URL, as in TENANT_1_DB_URL`);
    }
  }
  if (unset.length) {
    throw new DbalignError(`the targets file ${file} names environment variable(s) that are not set: ${unset.join(', ')}; export each with its database URL`);
  }
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.name)) throw new DbalignError(`the targets file ${file} lists ${t.name} twice: each target once`);
    seen.add(t.name);
  }
  return targets;
}

/** `--shard I/N`: the I-th of N shares (1 ≤ I ≤ N). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new DbalignError(`invalid --shard "${text}": give I/N with 1 ≤ I ≤ N, as in --shard 2/4`);
  }
  return { index, count };
}

/**
 * The shard a target belongs to (1-based), from a hash of its name: adding
 * or removing a target never moves another (changing N does).
 */
export function shardOf(name: string, count: number): number {
  return (createHash('sha256').update(name).digest().readUInt32BE(0) % count) + 1;
}

export function inShard(targets: readonly FleetTarget[], shard: Shard | undefined): FleetTarget[] {
  return shard ? targets.filter((t) => shardOf(t.name, shard.count) === shard.index) : [...targets];
}

interface RunFile {
  runId: string;
  command: FleetCommand;
  createdAt: string;
}

const RESULTS = 'results.jsonl';

/** The run's folder: a new one, the one --run-id names, or (--resume) the latest of this command. */
async function openRun(base: string, options: FleetOptions): Promise<{ dir: string; runId: string; previous: Map<string, TargetResult> }> {
  await fs.mkdir(base, { recursive: true, mode: 0o700 });
  let runId = options.runId;
  if (runId !== undefined && !/^[A-Za-z0-9._-]{1,100}$/.test(runId)) {
    throw new DbalignError(`invalid --run-id "${runId}": use letters, digits, '.', '_' and '-' (a CI run number, say)`);
  }
  if (runId === undefined && options.resume) {
    const runs: RunFile[] = [];
    for (const name of await fs.readdir(base).catch(() => [] as string[])) {
      const run = await readRunFile(path.join(base, name));
      if (run && run.command === options.command) runs.push(run);
    }
    runs.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.runId.localeCompare(b.runId));
    runId = runs.at(-1)?.runId;
    if (!runId) throw new DbalignError(`no earlier \`${options.command} --targets\` run under ${base} to resume: run it without --resume first`);
  }
  if (runId === undefined) {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
    runId = stamp;
    for (let n = 1; await exists(path.join(base, runId)); n++) runId = `${stamp}-${n}`;
  }
  const dir = path.join(base, runId);
  const run = await readRunFile(dir);
  if (run && run.command !== options.command) {
    throw new DbalignError(`run ${runId} was a \`${run.command} --targets\` run: choose another --run-id for \`${options.command}\``);
  }
  if (!run) {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const file: RunFile = { runId, command: options.command, createdAt: new Date().toISOString() };
    await writeDurably(path.join(dir, 'run.json'), JSON.stringify(file, null, 2) + '\n', { mode: 0o600 }).catch((err: NodeJS.ErrnoException) => {
      // Two shards starting the same run id in one folder: the first one's file stands.
      if (err.code !== 'EEXIST') throw err;
    });
  }
  const previous = new Map<string, TargetResult>();
  const lines = await fs.readFile(path.join(dir, RESULTS), 'utf8').catch(() => '');
  for (const line of lines.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as TargetResult;
      previous.set(r.target, r);
    } catch {
      // A line cut short by a killed run: that target runs again.
    }
  }
  return { dir, runId, previous };
}

async function readRunFile(dir: string): Promise<RunFile | undefined> {
  try {
    const run = JSON.parse(await fs.readFile(path.join(dir, 'run.json'), 'utf8')) as RunFile;
    return typeof run.runId === 'string' && typeof run.command === 'string' ? run : undefined;
  } catch {
    return undefined;
  }
}

const exists = (p: string) => fs.stat(p).then(() => true, () => false);

/** Whether an earlier result means the target is done: a check that ran, a push or align that succeeded. */
function done(command: FleetCommand, r: TargetResult): boolean {
  return command === 'check' ? r.status !== 'failed' : r.status === 'ok';
}

/** A folder name for a target's own files: readable, and distinct even when names differ only in punctuation. */
function folderOf(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60)}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

export async function runFleet(project: Project, options: FleetOptions, log: Log): Promise<{ report: FleetReport; files: { markdown: string; json: string; dir: string } }> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new DbalignError(`invalid --concurrency "${concurrency}": give a whole number of at least 1, as in --concurrency 4`);
  if (!options.reportDir) await ensureStateDir(project);
  const base = path.resolve(options.reportDir ?? path.join(project.stateDir, 'fleet'));
  const { dir, runId, previous } = await openRun(base, options);
  const mine = inShard(options.targets, options.shard);
  const tenancy = options.tenancy;
  if (tenancy) {
    if (options.targets.some((t) => !t.schema)) throw new DbalignError('a schema-per-tenant run needs a schema for every target');
    // Files that cannot run per tenant are refused before any schema is touched.
    await assertTenantMigrations(await loadMigrations((await listMigrations(project.workdir)).files), tenancy);
  }
  const template = tenancy ? new TemplateShadow(project, tenancy, log) : undefined;
  const startedAt = new Date().toISOString();
  const snapshots = new ShadowSnapshots();
  const results = new Map<string, TargetResult>();
  const todo: FleetTarget[] = [];
  for (const t of mine) {
    const before = previous.get(t.name);
    if (before && done(options.command, before)) results.set(t.name, { ...before, resumed: true });
    else todo.push(t);
  }
  if (results.size) log.info(`Resuming run ${runId}: ${results.size} target(s) already done are skipped, ${todo.length} to go.`);
  let finished = results.size;
  const total = mine.length;
  log.progress(`${options.command} targets`, finished, total);

  const append = async (r: TargetResult) => {
    // One line per target, appended as it ends: what a rerun of this run id skips.
    await fs.appendFile(path.join(dir, RESULTS), JSON.stringify(r) + '\n', { mode: 0o600 });
  };

  const runOne = async (t: FleetTarget): Promise<TargetResult> => {
    const started = new Date();
    const t0 = performance.now();
    const warnings: string[] = [];
    const quiet: Log = { info: () => undefined, warn: (m) => warnings.push(m), progress: () => undefined };
    const base = { target: t.name, database: describeUrl(t.url), ...(t.schema ? { schema: t.schema } : {}), startedAt: started.toISOString(), warnings };
    try {
      const profile = await options.profile(t.url);
      const outcome = template ? await runTenantCommand(project, t, profile, options, template, quiet) : await runCommand(project, t, profile, options, snapshots, path.join(dir, 'targets', folderOf(t.name)), quiet);
      return { ...base, ...outcome, ms: Math.round(performance.now() - t0) };
    } catch (err) {
      const password = passwordOf(t.url);
      const line = scrub(String((err as Error)?.message ?? err).split('\n')[0] ?? '', password ? [password] : []);
      return { ...base, status: 'failed', summary: line, error: line, details: {}, ms: Math.round(performance.now() - t0) };
    }
  };

  if (tenancy && options.command !== 'check') {
    // The tenant history table, once per database, before its schemas are written at once.
    for (const url of new Set(todo.map((t) => t.url))) await prepareTenantHistory(url).catch(() => undefined);
  }
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const t = todo[next++]!;
      const r = await runOne(t);
      results.set(t.name, r);
      await append(r);
      finished++;
      const line = `[${finished}/${total}] ${r.target}: ${r.status}${r.summary ? ` — ${r.summary}` : ''}`;
      if (r.status === 'failed') log.warn(line);
      else log.info(line);
      log.progress(`${options.command} targets`, finished, total);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, todo.length)) }, worker));
  } finally {
    await template?.dispose();
  }

  const ordered = mine.map((t) => results.get(t.name)!).filter(Boolean);
  const report: FleetReport = {
    tool: 'dbalign',
    command: options.command,
    runId,
    shard: options.shard ?? null,
    startedAt,
    finishedAt: new Date().toISOString(),
    targets: mine.length,
    counts: {
      ok: ordered.filter((r) => r.status === 'ok').length,
      differs: ordered.filter((r) => r.status === 'differs').length,
      failed: ordered.filter((r) => r.status === 'failed').length,
      resumed: ordered.filter((r) => r.resumed).length,
    },
    shadowsBuilt: snapshots.builds + (template?.builds ?? 0),
    results: ordered,
  };
  const stem = options.shard ? `report-shard-${options.shard.index}-of-${options.shard.count}` : 'report';
  const files = { markdown: path.join(dir, `${stem}.md`), json: path.join(dir, `${stem}.json`), dir };
  await fs.rm(files.markdown, { force: true });
  await fs.rm(files.json, { force: true });
  await writeDurably(files.markdown, renderFleetMarkdown(report), { mode: 0o600 });
  await writeDurably(files.json, JSON.stringify(report, null, 2) + '\n', { mode: 0o600 });
  return { report, files };
}

function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

const list = (xs: readonly string[], n = 5) => xs.slice(0, n).join(', ') + (xs.length > n ? `, … (${xs.length})` : '');

async function runCommand(
  project: Project,
  t: FleetTarget,
  profile: Profile,
  options: FleetOptions,
  snapshots: ShadowSnapshots,
  folder: string,
  log: Log,
): Promise<Pick<TargetResult, 'status' | 'summary' | 'details'>> {
  if (options.command === 'check') {
    const r = await check(project, { remoteUrl: t.url, profile, shadowUrl: options.shadowUrl, snapshots }, log);
    const h = r.history;
    const parts: string[] = [];
    if (h.pending.length) parts.push(`pending ${list(h.pending)}`);
    if (h.remoteOnly.length) parts.push(`remote only ${list(h.remoteOnly)}`);
    if (h.modified.length) parts.push(`modified ${list(h.modified)}`);
    if (!r.schema.checked) parts.push(`schema not checked (${r.schema.reason})`);
    else if (!r.schema.aligned) parts.push(`schema: ${list(r.schema.differences.map((d) => `${d.op} ${d.key}`))}`);
    if (r.declarative && !r.declarative.aligned) parts.push(`declarative files ahead by ${r.declarative.differences.length} object(s)`);
    if (r.ddlOutsideDbalign.length) parts.push(`${r.ddlOutsideDbalign.length} DDL command(s) outside dbalign`);
    return {
      status: r.aligned ? 'ok' : 'differs',
      summary: r.aligned ? 'aligned' : parts.join('; '),
      details: { history: h, schema: { checked: r.schema.checked, aligned: r.schema.aligned, differences: r.schema.differences, sql: r.schema.sql, ...(r.schema.reason ? { reason: r.schema.reason } : {}) }, ...(r.declarative ? { declarative: r.declarative } : {}), ddlOutsideDbalign: r.ddlOutsideDbalign.length },
    };
  }
  if (options.command === 'push') {
    const r = await push(project, { ...options.push, remoteUrl: t.url, profile }, log);
    const seeds = r.seeded.length ? `, ${r.seeded.length} seed file(s)` : '';
    return {
      status: 'ok',
      summary: r.applied.length || r.seeded.length ? `applied ${r.applied.length} migration(s)${seeds}` : 'up to date',
      details: { applied: r.applied, seeded: r.seeded, seedHashesUpdated: r.seedHashesUpdated, backup: r.backup ? path.relative(project.workdir, r.backup) : null },
    };
  }
  const { report, files } = await align(project, { ...options.align, remoteUrl: t.url, profile, shadowUrl: options.shadowUrl, snapshots, fleet: true, report: folder }, log);
  const failedChecks = report.verification.filter((v) => !v.ok).map((v) => `${v.item}: ${v.detail}`);
  const summary =
    report.outcome === 'not aligned'
      ? (report.warnings.find((w) => w.startsWith('left as it is')) ?? failedChecks.join('; '))
      : `${report.outcome}${report.actions.length ? ` (${report.actions.map((a) => `${a.strategy}: ${a.description}`).join('; ')})` : ''}`;
  return {
    status: report.outcome === 'not aligned' ? 'differs' : 'ok',
    summary,
    details: { outcome: report.outcome, chosen: report.chosen, actions: report.actions.map((a) => ({ strategy: a.strategy, description: a.description, historyRows: a.historyRows })), backup: report.backup ? path.relative(project.workdir, report.backup) : null, report: path.relative(project.workdir, files.markdown) },
  };
}

async function runTenantCommand(
  project: Project,
  t: FleetTarget,
  profile: Profile,
  options: FleetOptions,
  template: TemplateShadow,
  log: Log,
): Promise<Pick<TargetResult, 'status' | 'summary' | 'details'>> {
  const tenant = { url: t.url, schema: t.schema!, tenancy: options.tenancy! };
  const writes = { includeAll: options.push?.includeAll, lockTimeoutMs: options.push?.lockTimeoutMs ?? options.align?.lockTimeoutMs, lockWaits: options.push?.lockWaits ?? options.align?.lockWaits };
  if (options.command === 'check') {
    const r = await tenantCheck(project, { ...tenant, profile, shadowUrl: options.shadowUrl, template }, log);
    const h = r.history;
    const parts: string[] = [];
    if (!r.exists) parts.push('schema missing');
    if (h.pending.length) parts.push(`pending ${list(h.pending)}`);
    if (h.remoteOnly.length) parts.push(`remote only ${list(h.remoteOnly)}`);
    if (h.modified.length) parts.push(`modified ${list(h.modified)}`);
    if (r.exists && !r.schema.aligned) parts.push(`schema: ${list(r.schema.differences.map((d) => `${d.op} ${d.key}`))}`);
    return { status: r.aligned ? 'ok' : 'differs', summary: r.aligned ? 'aligned' : parts.join('; '), details: { exists: r.exists, history: h, schema: r.schema } };
  }
  if (options.command === 'push') {
    const r = await tenantPush(project, { ...tenant, ...writes }, log);
    return {
      status: 'ok',
      summary: r.applied.length ? `${r.created ? 'schema created, ' : ''}applied ${r.applied.length} migration(s)` : 'up to date',
      details: { applied: r.applied, created: r.created },
    };
  }
  const r = await tenantAlign(project, { ...tenant, ...writes, profile, shadowUrl: options.shadowUrl, template }, log);
  const did = r.applied.length ? `${r.created ? 'schema created, ' : ''}applied ${r.applied.length} migration(s)` : '';
  return {
    status: r.aligned ? 'ok' : 'differs',
    summary: r.left ? `${did ? `${did}; ` : ''}${r.left}` : did ? `aligned: ${did}` : 'aligned',
    details: { applied: r.applied, created: r.created, history: r.check.history, schema: r.check.schema, ...(r.left ? { left: r.left } : {}) },
  };
}

const ICON: Record<TargetStatus, string> = { ok: '✅', differs: '⚠️', failed: '❌' };
const where = (r: TargetResult) => r.database + (r.schema ? ` schema ${r.schema}` : '');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderFleetMarkdown(r: FleetReport): string {
  const out: string[] = [];
  out.push(`# dbalign ${r.command} over ${r.targets} target(s)`, '');
  out.push(`- **Run:** ${r.runId}${r.shard ? `  **Shard:** ${r.shard.index}/${r.shard.count}` : ''}`);
  out.push(`- **Started:** ${r.startedAt}  **Finished:** ${r.finishedAt}`);
  out.push(`- **Result:** ${r.counts.ok} ok, ${r.counts.differs} differ, ${r.counts.failed} failed${r.counts.resumed ? ` (${r.counts.resumed} done by an earlier invocation of this run)` : ''}`);
  out.push(`- **Shadow databases built:** ${r.shadowsBuilt}`, '');
  const failures = r.results.filter((x) => x.status === 'failed');
  if (failures.length) {
    out.push('## Failures', '');
    for (const f of failures) out.push(`- **${f.target}** (${where(f)}): ${f.error ?? f.summary}`);
    out.push('');
  }
  const differing = r.results.filter((x) => x.status === 'differs');
  if (differing.length) {
    out.push('## Differences', '');
    for (const d of differing) out.push(`- **${d.target}** (${where(d)}): ${d.summary}`);
    out.push('');
  }
  out.push('## Targets', '', '| | Target | Database | Result | ms |', '| --- | --- | --- | --- | ---: |');
  for (const x of r.results) out.push(`| ${ICON[x.status]} | ${cell(x.target)} | ${cell(where(x))} | ${cell(x.summary)}${x.resumed ? ' (earlier)' : ''} | ${x.ms} |`);
  out.push('');
  return out.join('\n');
}
