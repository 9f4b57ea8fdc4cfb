/**
 * `status --all` and `check --all`: every environment of dbalign.toml at
 * once. The migration files are read once; each environment is read over its
 * own connection, a few at a time; for `check`, the migrations are built in a
 * shadow database once (per PostgreSQL major and profile the environments
 * need: normally one) and every environment's schema is compared with it.
 * An environment that cannot be read is reported in its row and does not
 * stop the others.
 */
import { readSnapshot, type Snapshot } from '../catalog/index.js';
import { connect, describeUrl, type Client } from '../db/connection.js';
import type { EmbeddedMajor } from '../db/embedded.js';
import { redact } from '../db/redact.js';
import { DbalignError } from '../errors.js';
import { listSchemaFiles, loadSchemaFiles } from '../migrations/declarative.js';
import { environmentUrl, urlSource, type Environment } from '../migrations/environments.js';
import { listMigrations, loadMigrations, type LoadedMigration, type MigrationList } from '../migrations/files.js';
import { loadReadable } from './status.js';
import { readHistory } from '../migrations/history.js';
import type { Project } from '../migrations/project.js';
import { snapshotOfSchemas } from './declarative.js';
import { unacknowledgedDdl, type DdlEvent } from './guard.js';
import { assessHistory } from './history.js';
import type { Log } from './log.js';
import { majorOf } from './pull.js';
import type { Profile } from './reset.js';
import { compareSnapshots, scopeFor } from './schema.js';
import { createShadow } from './shadow.js';
import { standinExtensions } from './standins.js';
import { looksLikeSupabase } from './supabase-profile.js';

/** How many environments are read at once: each holds a connection and, for check, a snapshot. */
export const ENVIRONMENT_CONCURRENCY = 4;

/** Where a version stands in one environment; null: not there and not a local file, or the environment was not read. */
export type VersionState = 'applied' | 'modified' | 'pending' | 'remote-only';

export interface EnvironmentHistory {
  aligned: boolean;
  applied: string[];
  pending: string[];
  remoteOnly: string[];
  modified: string[];
  outOfOrder: string[];
}

export interface EnvironmentReport {
  name: string;
  role: string | null;
  /** Where its URL came from: $VARIABLE or dbalign.toml. */
  source: string;
  /** host:port/database, without the password; null when the URL could not be had. */
  database: string | null;
  /** Whether it could be read; when not, `error` says why and the rest is empty. */
  reachable: boolean;
  error?: string;
  /** History aligned (and, for check, schema too). */
  aligned: boolean;
  history: EnvironmentHistory;
  ddlOutsideDbalign: DdlEvent[];
  /** dbalign stand-in extensions found there: it was built by dbalign, not a real production. */
  standins: string[];
}

export interface EnvironmentCheckReport extends EnvironmentReport {
  schema: { checked: boolean; aligned: boolean; differences: Array<{ key: string; kind: string; op: string }>; sql: string; reason?: string };
  warnings: string[];
}

export interface VersionRow {
  version: string;
  name: string;
  local: boolean;
  environments: Record<string, VersionState | null>;
}

export interface StatusAllResult {
  /** Every environment was read and every one is aligned. */
  aligned: boolean;
  /** Environments that could not be read (their rows say why). */
  unreachable: string[];
  environments: EnvironmentReport[];
  migrations: VersionRow[];
}

export interface CheckAllResult extends Omit<StatusAllResult, 'environments'> {
  environments: EnvironmentCheckReport[];
  /** Declarative schema files no migration has caught up with yet (when the project has them). */
  declarative?: { aligned: boolean; files: number; differences: Array<{ key: string; kind: string; op: string }>; sql: string };
  /** Shadow databases built (one per PostgreSQL major and profile the environments need) and the time they took, ms. */
  shadows: Array<{ major: EmbeddedMajor; profile: Profile; ms: number }>;
}

export interface AllOptions {
  /** --profile; otherwise Supabase for a project with config.toml, else what each environment looks like. */
  profile?: Profile;
  shadowUrl?: string;
  concurrency?: number;
}

interface LocalMigrations {
  list: MigrationList;
  loaded: Map<string, LoadedMigration>;
  /** Names of versions some environment has with no local file, from its history rows. */
  remoteNames: Map<string, string>;
}

/** The migration files, read once for every environment; files that cannot be loaded are warnings here. */
async function readLocal(workdir: string, log: Log): Promise<LocalMigrations> {
  const list = await listMigrations(workdir);
  for (const w of list.warnings) log.warn(w);
  return { list, loaded: await loadReadable(list.files, log), remoteNames: new Map() };
}

/** Runs `fn` on every item, at most `limit` at a time; results in the items' order. */
async function eachLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function oneLine(err: unknown): string {
  return redact(String((err as Error)?.message ?? err).split('\n')[0] ?? '');
}

function emptyReport(env: Environment): EnvironmentReport {
  return {
    name: env.name,
    role: env.role ?? null,
    source: urlSource(env),
    database: null,
    reachable: false,
    aligned: false,
    history: { aligned: false, applied: [], pending: [], remoteOnly: [], modified: [], outOfOrder: [] },
    ddlOutsideDbalign: [],
    standins: [],
  };
}

/** Reads one environment's history (and hands its open connection to `more`). */
async function readEnvironment<R extends EnvironmentReport>(
  env: Environment,
  local: LocalMigrations,
  report: R,
  more?: (client: Client, report: R) => Promise<void>,
): Promise<void> {
  let url: string;
  try {
    url = environmentUrl(env);
  } catch (err) {
    report.error = oneLine(err);
    return;
  }
  report.database = describeUrl(url);
  let client: Client;
  try {
    client = await connect(url, `${env.name} environment`);
  } catch (err) {
    report.error = oneLine(err);
    return;
  }
  try {
    const rows = await readHistory(client);
    const a = await assessHistory(local.list.files, local.loaded, rows);
    for (const m of a.migrations) if (!m.local && m.name && !local.remoteNames.has(m.version)) local.remoteNames.set(m.version, m.name);
    report.history = {
      aligned: a.aligned,
      applied: a.migrations.filter((m) => m.local && m.remote).map((m) => m.version),
      pending: a.pending,
      remoteOnly: a.remoteOnly,
      modified: a.modified,
      outOfOrder: a.outOfOrder,
    };
    report.ddlOutsideDbalign = await unacknowledgedDdl(client);
    report.standins = await standinExtensions(client);
    report.reachable = true;
    report.aligned = a.aligned;
    if (more) await more(client, report);
  } catch (err) {
    report.reachable = false;
    report.aligned = false;
    report.error = oneLine(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** One row per version across every environment. */
function versionTable(local: LocalMigrations, reports: readonly EnvironmentReport[]): VersionRow[] {
  const names = new Map(local.list.files.map((f) => [f.version, f.name]));
  const versions = new Set(names.keys());
  for (const r of reports) for (const v of r.history.remoteOnly) versions.add(v);
  const sorted = [...versions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.map((version) => {
    const environments: Record<string, VersionState | null> = {};
    for (const r of reports) {
      const h = r.history;
      environments[r.name] = !r.reachable
        ? null
        : h.modified.includes(version)
          ? 'modified'
          : h.applied.includes(version)
            ? 'applied'
            : h.pending.includes(version)
              ? 'pending'
              : h.remoteOnly.includes(version)
                ? 'remote-only'
                : null;
    }
    return { version, name: names.get(version) ?? local.remoteNames.get(version) ?? '', local: names.has(version), environments };
  });
}

function noEnvironments(): DbalignError {
  return new DbalignError('no environments to read: add [environments.<name>] tables with url_env = "<VARIABLE>" to dbalign.toml beside supabase/ (see the README, Environments)');
}

/** `dbalign status --all`. */
export async function statusAll(project: Project, environments: readonly Environment[], options: AllOptions, log: Log): Promise<StatusAllResult> {
  if (environments.length === 0) throw noEnvironments();
  const local = await readLocal(project.workdir, log);
  const reports = await eachLimited(environments, options.concurrency ?? ENVIRONMENT_CONCURRENCY, async (env) => {
    const report = emptyReport(env);
    await readEnvironment(env, local, report);
    return report;
  });
  const unreachable = reports.filter((r) => !r.reachable).map((r) => r.name);
  return { aligned: unreachable.length === 0 && reports.every((r) => r.aligned), unreachable, environments: reports, migrations: versionTable(local, reports) };
}

/** `dbalign check --all`. */
export async function checkAll(project: Project, environments: readonly Environment[], options: AllOptions, log: Log): Promise<CheckAllResult> {
  if (environments.length === 0) throw noEnvironments();
  const local = await readLocal(project.workdir, log);
  let migrations: LoadedMigration[] | undefined;
  let unusable: string | undefined;
  try {
    migrations = local.loaded.size === local.list.files.length ? [...local.loaded.values()] : await loadMigrations(local.list.files);
  } catch (err) {
    unusable = `a migration file cannot be used: ${(err as Error).message}`;
  }

  // One shadow per (major, profile), built when the first environment needing it has been read.
  const shadows = new Map<string, Promise<Snapshot>>();
  const built: CheckAllResult['shadows'] = [];
  let shadowError: unknown;
  const shadowSnapshot = (major: EmbeddedMajor, profile: Profile): Promise<Snapshot> => {
    const key = `${major}/${profile}`;
    let p = shadows.get(key);
    if (!p) {
      p = (async () => {
        const started = performance.now();
        log.info(`Building the schema of the migrations in a shadow database (PostgreSQL ${major}, ${profile})…`);
        const shadow = await createShadow(project, migrations!, { major, profile, shadowUrl: options.shadowUrl }, log);
        try {
          const client = await connect(shadow.url, 'shadow');
          try {
            return await readSnapshot(client, scopeFor(profile));
          } finally {
            await client.end();
          }
        } finally {
          await shadow.dispose();
          built.push({ major, profile, ms: Math.round(performance.now() - started) });
        }
      })();
      shadows.set(key, p);
    }
    return p;
  };

  const reports = await eachLimited(environments, options.concurrency ?? ENVIRONMENT_CONCURRENCY, async (env) => {
    const report: EnvironmentCheckReport = { ...emptyReport(env), schema: { checked: false, aligned: false, differences: [], sql: '' }, warnings: [] };
    let remoteSnapshot: Snapshot | undefined;
    let major: EmbeddedMajor = project.major;
    let profile: Profile = options.profile ?? (project.isSupabase ? 'supabase' : 'plain');
    await readEnvironment(env, local, report, async (client) => {
      if (unusable) return;
      if (!options.profile && !project.isSupabase) profile = (await looksLikeSupabase(client)) ? 'supabase' : 'plain';
      major = await majorOf(client, project.major);
      remoteSnapshot = await readSnapshot(client, scopeFor(profile));
    });
    if (!report.reachable) return report;
    if (unusable || !remoteSnapshot) {
      report.schema.reason = unusable;
      report.aligned = false;
      return report;
    }
    let from: Snapshot;
    try {
      from = await shadowSnapshot(major, profile);
    } catch (err) {
      shadowError ??= err;
      report.schema.reason = `the migrations do not build a database: ${oneLine(err)}`;
      report.aligned = false;
      return report;
    }
    const diff = compareSnapshots(from, remoteSnapshot);
    report.schema = { checked: true, aligned: diff.objects.length === 0, differences: diff.objects, sql: diff.sql };
    report.warnings = diff.warnings;
    report.aligned = report.history.aligned && report.schema.aligned;
    return report;
  });
  // Migrations that do not build fail the run as they fail `check`: no environment can be judged.
  if (shadowError) throw shadowError;

  const result: CheckAllResult = {
    aligned: false,
    unreachable: reports.filter((r) => !r.reachable).map((r) => r.name),
    environments: reports,
    migrations: versionTable(local, reports),
    shadows: built,
  };
  const first = [...shadows.entries()][0];
  const declared = first ? await listSchemaFiles(project) : undefined;
  if (first && declared && declared.files.length) {
    for (const w of declared.warnings) log.warn(w);
    const [key, snapshotPromise] = first;
    const [majorText, profile] = key.split('/') as [string, Profile];
    const migrationsSnapshot = await snapshotPromise;
    log.info(`Building the schema of ${declared.files.length} declarative file(s) in a shadow database…`);
    const files = await loadSchemaFiles(project, declared.files);
    const schemas = await snapshotOfSchemas(project, files, { profile, major: Number(majorText) as EmbeddedMajor, shadowUrl: options.shadowUrl }, migrationsSnapshot.scope, log);
    const ahead = compareSnapshots(migrationsSnapshot, schemas);
    result.declarative = { aligned: ahead.objects.length === 0, files: files.length, differences: ahead.objects, sql: ahead.sql };
  }
  result.aligned = result.unreachable.length === 0 && reports.every((r) => r.aligned) && (result.declarative?.aligned ?? true);
  return result;
}
