/**
 * `dbalign align`: the whole alignment procedure. Pre-alignment checklist,
 * assessment of history and schema, the choice of strategies (C, then B,
 * then A), one printed plan, execution after a backup, verification, report.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { readSnapshot } from '../catalog/index.js';
import { connect, DEFAULT_LOCK_WAITS, describeUrl, inTransaction, pinWriteSession, retryLockWaits, type Client, type LockWaits } from '../db/connection.js';
import { acquireLock, type Lock } from '../db/lock.js';
import { DbalignError } from '../errors.js';
import { listMigrations, loadMigrations, type LoadedMigration, type MigrationFile } from '../migrations/files.js';
import { deleteMigrations, ensureHistoryTables, recordMigration } from '../migrations/history.js';
import { ensureStateDir, ignoreInGit, type Project } from '../migrations/project.js';
import { markApplying, retrying } from './apply.js';
import { safetyBackup } from './backup.js';
import { assertNotRemote, openLocal } from './databases.js';
import { acknowledgeDdl, unacknowledgedDdl } from './guard.js';
import type { Log } from './log.js';
import { majorOf, migrationsVsRemote, recordPulledMigration } from './pull.js';
import { compareWithRenames, NO_RENAMES, type RenameOptions, type RenameReport } from './renames.js';
import { listSchemaFiles, loadSchemaFiles } from '../migrations/declarative.js';
import { snapshotOfSchemas, writeSchemasMigration } from './declarative.js';
import { applyPending } from './push.js';
import { writeReport, type CheckItem, type Recommendation, type Report, type StrategyName } from './report.js';
import { reset, type Profile } from './reset.js';
import { compareSnapshots, scopeFor, type SchemaDifference } from './schema.js';
import { startShadowServer, type ShadowSnapshots } from './shadow.js';
import { allMigrations, readHistoryContext, type HistoryContext } from './status.js';

export type StrategyOption = 'auto' | 'pull' | 'push' | 'repair';

export interface AlignOptions {
  remoteUrl: string;
  localUrl?: string;
  strategy?: StrategyOption;
  dryRun?: boolean;
  profile: Profile;
  backup?: boolean;
  shadowUrl?: string;
  lockTimeoutMs?: number;
  /** --rename / --allow-data-loss and the terminal's answers, for a pulled migration. */
  renames?: RenameOptions;
  /** How statements wait for table locks (default DEFAULT_LOCK_WAITS). */
  lockWaits?: LockWaits;
  /** Name of the migration Strategy A writes. */
  name?: string;
  /** Where the report goes: a folder, or a file name ending .md or .json. */
  report?: string;
  /** Shown the plan; false stops before anything is written. */
  confirm?: (plan: PlannedStep[]) => Promise<boolean>;
  /** Shadows already built by a run over many remotes, reused here. */
  snapshots?: ShadowSnapshots;
  /**
   * One target of a fleet: the migration files are shared by every target, so
   * no strategy that writes one (A) runs; a target that needs it is left as it
   * is and reported not aligned. The local database is not used (concurrent
   * targets would reset it under each other): the shadow built once from the
   * migrations stands in for the local reset.
   */
  fleet?: boolean;
}

export interface PlannedStep {
  strategy: StrategyName;
  description: string;
}

export interface AlignResult {
  report: Report;
  files: { markdown: string; json: string };
}

interface Assessment {
  ctx: HistoryContext;
  migrations: LoadedMigration[];
  /** Remote changes no applied migration contains. */
  outOfBand: SchemaDifference;
  /** Everything the migration files build against the remote. */
  all: SchemaDifference;
  /** Pending files whose changes the remote already has. */
  pendingPresent: string[];
  /** Stand-in extensions the shadows used. */
  standins: string[];
  /** What the declarative schema files declare that no migration builds yet (when there are such files). */
  declarative?: SchemaDifference & { schemaFiles: string[]; renames: RenameReport };
}

/** The migration Strategy B writes from the declarative files before pushing. */
export const DECLARATIVE_MIGRATION = 'declarative_schemas';

/** Adds stand-in names to the report's list, once each, sorted. */
function noteStandins(report: Report, names: readonly string[]): void {
  report.standins = [...new Set([...report.standins, ...names])].sort();
}

const strategyOf: Record<Exclude<StrategyOption, 'auto'>, StrategyName> = { pull: 'A', push: 'B', repair: 'C' };

/** From the evidence, the strategies to run, in the order they run (C, B, A). */
/**
 * Strategy A diffs every migration file against the remote: a file the run
 * does not push, or history it does not repair, would be pulled as a drop.
 */
function pullBlockedBy(chosen: readonly StrategyName[], a: Pick<Assessment, 'ctx' | 'pendingPresent'>): string | undefined {
  if (!chosen.includes('A')) return undefined;
  const { remoteOnly, modified, pending } = a.ctx.assessment;
  const toPush = pending.filter((v) => !a.pendingPresent.includes(v));
  const toRepair = [...remoteOnly, ...modified, ...a.pendingPresent];
  if (toPush.length && !chosen.includes('B')) {
    return `strategy A (pull) cannot run while local migrations are not applied (${toPush.join(', ')}): the pulled migration would undo them; run \`dbalign align\` without --strategy, or \`dbalign push\` first`;
  }
  if (toRepair.length && !chosen.includes('C')) {
    return `strategy A (pull) cannot run while the history is inconsistent (${toRepair.join(', ')}): run \`dbalign align\` without --strategy, or \`dbalign align --strategy repair\` first`;
  }
  return undefined;
}

export function recommend(a: Pick<Assessment, 'ctx' | 'outOfBand' | 'pendingPresent'> & Pick<Partial<Assessment>, 'declarative'>): Recommendation[] {
  const { remoteOnly, modified, pending } = a.ctx.assessment;
  const out: Recommendation[] = [];
  const c: string[] = [];
  if (remoteOnly.length) c.push(`the remote history records ${remoteOnly.join(', ')} with no local file: those rows are reverted and the schema they made is pulled into a new migration`);
  if (modified.length) c.push(`${modified.join(', ')} were edited after being applied: the edited files are recorded`);
  if (a.pendingPresent.length) c.push(`${a.pendingPresent.join(', ')} are not recorded but the remote already has their changes (applied out of band): they are marked applied`);
  if (c.length) out.push({ strategy: 'C', reason: c.join('; ') });
  const push = pending.filter((v) => !a.pendingPresent.includes(v));
  const b: string[] = [];
  if (a.declarative?.sql) {
    b.push(`the declarative schema files are ahead of the migrations by ${a.declarative.objects.length} object(s): their migration is written (supabase/migrations/<timestamp>_${DECLARATIVE_MIGRATION}.sql, as \`dbalign new --from-schemas\` would) and pushed`);
  }
  if (push.length) b.push(`local migrations ${push.join(', ')} are not applied on the remote: they are pushed`);
  if (b.length) out.push({ strategy: 'B', reason: b.join('; ') });
  if (a.outOfBand.objects.length) {
    out.push({
      strategy: 'A',
      reason: `the remote has ${a.outOfBand.objects.length} schema change(s) no migration contains (${a.outOfBand.objects.slice(0, 5).map((o) => o.key).join(', ')}${a.outOfBand.objects.length > 5 ? ', …' : ''}): they are pulled into a new migration`,
    });
  }
  return out;
}

async function privilegeCheck(remote: Client): Promise<CheckItem> {
  const r = await remote.query<{ superuser: boolean; db_create: boolean; schema_create: boolean; history_write: boolean | null; who: string }>(
    `SELECT current_user AS who,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            has_database_privilege(current_database(), 'CREATE') AS db_create,
            has_schema_privilege('public', 'CREATE') AS schema_create,
            CASE WHEN to_regclass('supabase_migrations.schema_migrations') IS NULL THEN NULL
                 ELSE has_table_privilege('supabase_migrations.schema_migrations', 'INSERT, DELETE, UPDATE') END AS history_write`,
  );
  const p = r.rows[0]!;
  const ok = p.superuser || (p.db_create && p.schema_create && p.history_write !== false);
  const detail = p.superuser
    ? `${p.who} is a superuser`
    : `${p.who}: CREATE on the database ${p.db_create ? 'yes' : 'no'}, CREATE on schema public ${p.schema_create ? 'yes' : 'no'}, writes to the history ${p.history_write === null ? 'table to be created' : p.history_write ? 'yes' : 'no'}`;
  return { item: 'Remote privileges sufficient', ok, detail };
}

export async function align(project: Project, options: AlignOptions, log: Log): Promise<AlignResult> {
  const timings: Record<string, number> = {};
  const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      timings[label] = (timings[label] ?? 0) + performance.now() - t;
    }
  };
  const report: Report = {
    tool: 'dbalign',
    startedAt: new Date().toISOString(),
    finishedAt: '',
    remote: describeUrl(options.remoteUrl),
    local: options.localUrl ? describeUrl(options.localUrl) : 'embedded (.dbalign/local)',
    dryRun: Boolean(options.dryRun),
    outcome: 'failed',
    checklist: [],
    assessment: { history: { pending: [], remoteOnly: [], modified: [], outOfOrder: [], applied: 0 }, schema: [], ddlOutsideDbalign: [] },
    recommended: [],
    chosen: [],
    overridden: Boolean(options.strategy && options.strategy !== 'auto'),
    actions: [],
    backup: null,
    verification: [],
    timingsMs: timings,
    standins: [],
    warnings: [],
  };
  const target = options.report ?? path.join(project.supabaseDir, '.dbalign', 'reports');
  // Reports name production's objects: the default folder keeps itself out of git.
  if (!options.report) await ignoreInGit(path.join(project.supabaseDir, '.dbalign'));
  const finish = async (): Promise<AlignResult> => {
    report.finishedAt = new Date().toISOString();
    const files = await writeReport(report, target);
    return { report, files };
  };
  const warn = (m: string) => {
    report.warnings.push(m);
    log.warn(m);
  };

  let remote: Client | undefined;
  let lock: Lock | undefined;
  let stopShadow = async (): Promise<void> => undefined;
  try {
    // Pre-alignment checklist: each item checked, not printed.
    log.info('Pre-alignment checklist…');
    remote = await timed('checklist', () => connect(options.remoteUrl, 'remote'));
    const version = await remote.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    report.checklist.push({ item: 'Remote reachable', ok: true, detail: `PostgreSQL ${version.rows[0]!.v} at ${report.remote}` });
    const privileges = await privilegeCheck(remote);
    report.checklist.push(privileges);
    if (!privileges.ok) throw new DbalignError(`the remote user lacks privileges to align (${privileges.detail}): connect as the database owner`);

    const list = await listMigrations(project.workdir);
    list.warnings.forEach(warn);
    const migrations = await loadMigrations(list.files);
    report.checklist.push({ item: 'Migrations readable', ok: true, detail: `${migrations.length} file(s) in supabase/migrations, all parsed` });

    const local = options.fleet ? undefined : await timed('checklist', () => openLocal(project, options.localUrl, log));
    if (local) {
      try {
        const c = await connect(local.url, 'local');
        try {
          if (!local.server) await assertNotRemote(c, remote, local.url);
        } finally {
          await c.end();
        }
        report.checklist.push({ item: 'Local database available', ok: true, detail: local.server ? `embedded PostgreSQL ${local.server.major}` : describeUrl(local.url) });
      } finally {
        await local.close();
      }
    }

    // align builds several shadows: one server start serves them all.
    if (!options.shadowUrl) {
      const server = await startShadowServer(project, await majorOf(remote, project.major));
      stopShadow = () => server.release();
    }

    if (!options.dryRun) {
      await pinWriteSession(remote, options.lockWaits ?? DEFAULT_LOCK_WAITS);
      lock = await acquireLock(remote, options.lockTimeoutMs ?? 60_000, (pid) =>
        log.info(`waiting for another dbalign run on the remote${pid ? ` (server pid ${pid})` : ''} to finish…`),
      );
    }

    // Assess.
    log.info('Assessing history and schema…');
    const assessment = await timed('assess', () => assess(project, remote!, migrations, options, log));
    noteStandins(report, assessment.standins);
    const { ctx } = assessment;
    report.assessment.history = {
      pending: ctx.assessment.pending,
      remoteOnly: ctx.assessment.remoteOnly,
      modified: ctx.assessment.modified,
      outOfOrder: ctx.assessment.outOfOrder,
      applied: ctx.rows.length,
    };
    report.assessment.schema.push(
      { comparison: 'Applied migrations vs remote (changes made outside migrations)', differences: assessment.outOfBand.objects.length, objects: assessment.outOfBand.objects },
      { comparison: 'All migration files vs remote', differences: assessment.all.objects.length, objects: assessment.all.objects },
    );
    if (assessment.declarative) {
      const d = assessment.declarative;
      if (d.renames.candidates.length) report.renames = d.renames;
      report.assessment.schema.push({ comparison: 'Declarative schema files vs all migration files (what no migration has caught up with)', differences: d.objects.length, objects: d.objects });
    }
    assessment.outOfBand.warnings.forEach(warn);
    const ddl = await unacknowledgedDdl(remote);
    report.assessment.ddlOutsideDbalign = ddl;
    if (ddl.length) log.warn(`${ddl.length} DDL command(s) ran on the remote outside dbalign: they are the cause of drift (see the report)`);

    // Choose.
    report.recommended = recommend(assessment);
    const chosen = options.strategy && options.strategy !== 'auto' ? [strategyOf[options.strategy]] : report.recommended.map((r) => r.strategy);
    report.chosen = chosen;
    const declarativeAhead = Boolean(assessment.declarative?.sql) && chosen.includes('B');
    if (options.fleet && (chosen.includes('A') || ctx.assessment.remoteOnly.length || declarativeAhead)) {
      if (ctx.assessment.remoteOnly.length || chosen.includes('A')) {
        const why = ctx.assessment.remoteOnly.length
          ? `its history records ${ctx.assessment.remoteOnly.join(', ')} with no local file`
          : `it has ${assessment.outOfBand.objects.length} schema change(s) no migration contains`;
        warn(`left as it is: ${why}, and pulling that into a migration would change the files every target shares; align this database on its own with \`dbalign align --remote <url>\``);
      } else {
        warn('left as it is: the declarative schema files are ahead of the migrations, and every target would write their migration; write it once with `dbalign new <name> --from-schemas`, then run the fleet again');
      }
      report.outcome = 'not aligned';
      return await finish();
    }
    if (report.recommended.length === 0 && chosen.length === report.recommended.length) {
      log.info('Local and remote are already aligned.');
      report.outcome = 'already aligned';
      await timed('verify', () => verify(project, remote!, options, report, log));
      return await finish();
    }
    const blocked = pullBlockedBy(chosen, assessment);
    if (blocked) throw new DbalignError(blocked);
    const planned: PlannedStep[] = [];
    for (const s of chosen) {
      const rec = report.recommended.find((r) => r.strategy === s);
      planned.push({ strategy: s, description: rec?.reason ?? `forced by --strategy, though the evidence does not call for it` });
    }
    if (options.dryRun) {
      report.outcome = 'dry run';
      for (const p of planned) {
        const statements =
          p.strategy === 'A' && assessment.outOfBand.sql ? [assessment.outOfBand.sql] : p.strategy === 'B' && assessment.declarative?.sql ? [assessment.declarative.sql] : [];
        report.actions.push({ strategy: p.strategy, description: `(dry run) ${p.description}`, statements, historyRows: [] });
      }
      return await finish();
    }
    if (options.confirm && !(await options.confirm(planned))) {
      throw new DbalignError('alignment cancelled: nothing was written');
    }

    // Execute, after a backup.
    if (options.backup !== false) {
      await ensureStateDir(project);
      report.backup = await timed('backup', () => safetyBackup(project.stateDir, options.remoteUrl, options.profile, log));
      report.checklist.push({ item: 'Backup taken', ok: true, detail: path.relative(project.workdir, report.backup!) });
    } else {
      report.checklist.push({ item: 'Backup taken', ok: false, detail: 'skipped by --no-backup' });
    }
    await timed('execute', () => execute(project, remote!, chosen, assessment, options, report, log));
    await acknowledgeDdl(remote, ddl.map((e) => e.id));

    // Verify.
    await timed('verify', () => verify(project, remote!, options, report, log));
    report.outcome = report.verification.every((v) => v.ok) ? 'aligned' : 'not aligned';
    return await finish();
  } catch (err) {
    report.outcome = 'failed';
    report.error = (err as Error).message.split('\n')[0];
    await finish().catch(() => undefined);
    throw err;
  } finally {
    await lock?.release();
    await remote?.end().catch(() => undefined);
    await stopShadow().catch(() => undefined);
  }
}

async function assess(project: Project, remote: Client, migrations: LoadedMigration[], options: AlignOptions, log: Log): Promise<Assessment> {
  const ctx = await readHistoryContext(project.workdir, remote, { ...log, warn: () => undefined });
  const applied = migrations.filter((m) => ctx.rows.some((r) => r.version === m.version));
  const outOfBand = await migrationsVsRemote(project, remote, applied, options, log);
  const all = ctx.assessment.pending.length ? await migrationsVsRemote(project, remote, migrations, options, log) : outOfBand;
  // Pending files whose changes are all on the remote already: applied out of band.
  const pendingPresent = ctx.assessment.pending.length && all.objects.length === 0 ? [...ctx.assessment.pending] : [];
  // Once those are recorded, nothing is left outside the migrations.
  const standins = [...new Set([...outOfBand.standins, ...all.standins])];
  const declared = await listSchemaFiles(project);
  let declarative: Assessment['declarative'];
  if (declared.files.length) {
    log.info(`Building the schema of ${declared.files.length} declarative file(s) in a shadow database…`);
    const files = await loadSchemaFiles(project, declared.files);
    const source = { profile: options.profile, major: all.major, shadowUrl: options.shadowUrl };
    const build = () => snapshotOfSchemas(project, files, source, all.migrationsSnapshot.scope, log);
    const schemas = await (options.snapshots ? options.snapshots.memo(`schemas:${all.major}:${options.profile}:${options.shadowUrl ?? ''}`, build) : build());
    // Renames are decided here, before the plan is shown.
    const diff = await compareWithRenames(all.migrationsSnapshot, schemas, { ...(options.renames ?? NO_RENAMES), context: { project, ...source } }, log);
    declarative = { ...diff, schemaFiles: files.map((f) => f.file) };
  }
  return { ctx, migrations, outOfBand: pendingPresent.length ? all : outOfBand, all, pendingPresent, standins, ...(declarative ? { declarative } : {}) };
}

async function execute(
  project: Project,
  remote: Client,
  chosen: StrategyName[],
  a: Assessment,
  options: AlignOptions,
  report: Report,
  log: Log,
): Promise<void> {
  const byVersion = new Map(a.migrations.map((m) => [m.version, m]));
  for (const strategy of (['C', 'B', 'A'] as const).filter((s) => chosen.includes(s))) {
    if (strategy === 'C') {
      const { remoteOnly, modified } = a.ctx.assessment;
      const record = [...modified, ...a.pendingPresent].map((v) => byVersion.get(v)!).filter(Boolean);
      const unit = () =>
        inTransaction(remote, async () => {
          await markApplying(remote, true);
          await ensureHistoryTables(remote);
          if (remoteOnly.length) await deleteMigrations(remote, remoteOnly);
          for (const m of record) await recordMigration(remote, { version: m.version, name: m.name, statements: m.statements.map((s) => s.sql) });
        });
      await retryLockWaits(remote, unit, (err, ...n) => log.info(retrying('repair', 'its history write', err, ...n)));
      if (remoteOnly.length) report.actions.push({ strategy, description: 'reverted history rows with no local file', statements: [], historyRows: remoteOnly });
      if (record.length) report.actions.push({ strategy, description: 'recorded local files as applied', statements: [], historyRows: record.map((m) => m.version) });
      log.info(`Repaired the history: ${[...remoteOnly.map((v) => `${v} reverted`), ...record.map((m) => `${m.version} applied`)].join(', ')}`);
    } else if (strategy === 'B') {
      const pending = a.ctx.assessment.pending.filter((v) => !a.pendingPresent.includes(v)).map((v) => byVersion.get(v)!);
      let written: MigrationFile | undefined;
      if (a.declarative?.sql) {
        written = await writeSchemasMigration(project, DECLARATIVE_MIGRATION, a.declarative, 'dbalign align (Strategy B)');
        pending.push(...(await loadMigrations([written])));
        const file = path.relative(project.workdir, written.path);
        report.actions.push({ strategy, description: 'wrote the migration that catches up with the declarative schema files', statements: [], historyRows: [], file });
        log.info(`Wrote ${file} from the declarative schema files.`);
      }
      let applied: string[];
      try {
        applied = await applyPending(remote, pending, log);
      } catch (err) {
        // It runs last and in its own transaction, so it is not recorded: the next align writes it again.
        if (written) await fs.rm(written.path, { force: true });
        throw err;
      }
      report.actions.push({ strategy, description: `pushed ${applied.length} migration(s)`, statements: pending.flatMap((m) => m.statements.map((s) => s.sql)), historyRows: applied });
    } else {
      // What the remote has that the (now recorded) migrations do not build.
      // C and B wrote no files: the migrations are the ones assessed.
      const diff = await migrationsVsRemote(project, remote, a.migrations, options, log, options.renames ?? NO_RENAMES);
      if (diff.renames?.candidates.length) {
        report.renames = { candidates: [...(report.renames?.candidates ?? []), ...diff.renames.candidates], decisions: [...(report.renames?.decisions ?? []), ...diff.renames.decisions] };
      }
      if (!diff.sql) {
        log.info('Nothing left to pull: the migrations build the remote schema.');
        continue;
      }
      const pulled = await recordPulledMigration(project, remote, diff.sql, options.name ?? 'remote_schema', log);
      report.actions.push({
        strategy,
        description: 'pulled the remote schema changes into a new migration, recorded as applied',
        statements: pulled.statements.map((s) => s.sql),
        historyRows: [pulled.version],
        file: path.relative(project.workdir, pulled.path),
      });
      log.info(`Wrote ${path.relative(project.workdir, pulled.path)} and recorded it as applied on the remote.`);
    }
  }
}

/** Lists match, migrations build the remote, and a reset local matches it. */
async function verify(project: Project, remote: Client, options: AlignOptions, report: Report, log: Log): Promise<void> {
  log.info('Verifying…');
  const ctx = await readHistoryContext(project.workdir, remote, { ...log, warn: () => undefined });
  const h = ctx.assessment;
  report.verification.push({
    item: 'Migration lists match',
    ok: h.aligned,
    detail: h.aligned ? `${ctx.rows.length} version(s) on both sides` : `pending ${h.pending.length}, remote only ${h.remoteOnly.length}, modified ${h.modified.length}`,
  });
  const files = await allMigrations(ctx);
  const diff = await migrationsVsRemote(project, remote, files, options, log);
  report.verification.push({
    item: 'Migrations build the remote schema (diff migrations→remote empty)',
    ok: diff.objects.length === 0,
    detail: diff.objects.length === 0 ? 'empty diff' : `${diff.objects.length} object(s) differ: ${diff.objects.slice(0, 5).map((o) => o.key).join(', ')}`,
  });
  noteStandins(report, diff.standins);
  if (options.fleet) return;
  const result = await reset(project, { localUrl: options.localUrl, profile: options.profile, keepRunning: true }, { ...log, info: () => undefined });
  noteStandins(report, result.standins);
  const scope = scopeFor(options.profile);
  const local = result.local!;
  try {
    const client = await connect(local.url, 'local');
    try {
      const [from, to] = await Promise.all([readSnapshot(client, scope), readSnapshot(remote, scope)]);
      const d = compareSnapshots(from, to);
      report.verification.push({
        item: 'Local reset from migrations matches the remote',
        ok: d.objects.length === 0,
        detail: d.objects.length === 0 ? `reset applied ${result.applied.length} migration(s); empty diff` : `${d.objects.length} object(s) differ: ${d.objects.slice(0, 5).map((o) => o.key).join(', ')}`,
      });
    } finally {
      await client.end();
    }
  } finally {
    await local.close();
  }
}
