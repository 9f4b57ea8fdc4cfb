/**
 * `dbalign check`: the read-only drift check for CI and schedules. History,
 * schema (what the migration files build against the remote) and DDL the
 * guard recorded; nothing is written anywhere but a throwaway shadow.
 */
import { connect } from '../db/connection.js';
import type { Project } from '../migrations/project.js';
import { unacknowledgedDdl, type DdlEvent } from './guard.js';
import type { Log } from './log.js';
import { listSchemaFiles, loadSchemaFiles } from '../migrations/declarative.js';
import { snapshotOfSchemas } from './declarative.js';
import { migrationsVsRemote } from './pull.js';
import { compareSnapshots } from './schema.js';
import type { Profile } from './reset.js';
import type { ShadowSnapshots } from './shadow.js';
import { allMigrations, readHistoryContext } from './status.js';

export interface CheckResult {
  aligned: boolean;
  history: { aligned: boolean; pending: string[]; remoteOnly: string[]; modified: string[]; outOfOrder: string[] };
  schema: { aligned: boolean; differences: Array<{ key: string; kind: string; op: string }>; sql: string; checked: boolean; reason?: string };
  /** Declarative schema files no migration has caught up with yet (when the project has them). */
  declarative?: { aligned: boolean; files: number; differences: Array<{ key: string; kind: string; op: string }>; sql: string };
  ddlOutsideDbalign: DdlEvent[];
  warnings: string[];
}

export async function check(project: Project, options: { remoteUrl: string; profile: Profile; shadowUrl?: string; snapshots?: ShadowSnapshots }, log: Log): Promise<CheckResult> {
  const remote = await connect(options.remoteUrl, 'remote');
  try {
    const ctx = await readHistoryContext(project.workdir, remote, log);
    const h = ctx.assessment;
    const ddl = await unacknowledgedDdl(remote);
    const result: CheckResult = {
      aligned: false,
      history: { aligned: h.aligned, pending: h.pending, remoteOnly: h.remoteOnly, modified: h.modified, outOfOrder: h.outOfOrder },
      schema: { aligned: false, differences: [], sql: '', checked: false },
      ddlOutsideDbalign: ddl,
      warnings: [],
    };
    let migrations;
    try {
      migrations = await allMigrations(ctx);
    } catch (err) {
      result.schema.reason = `a migration file cannot be used: ${(err as Error).message}`;
      return result;
    }
    const diff = await migrationsVsRemote(project, remote, migrations, options, log);
    result.schema = { aligned: diff.objects.length === 0, differences: diff.objects, sql: diff.sql, checked: true };
    result.warnings = diff.warnings;
    const declared = await listSchemaFiles(project);
    if (declared.files.length) {
      for (const w of declared.warnings) log.warn(w);
      log.info(`Building the schema of ${declared.files.length} declarative file(s) in a shadow database…`);
      const files = await loadSchemaFiles(project, declared.files);
      const scope = diff.migrationsSnapshot.scope;
      const build = () => snapshotOfSchemas(project, files, { profile: options.profile, major: diff.major, shadowUrl: options.shadowUrl }, scope, log);
      const schemas = await (options.snapshots ? options.snapshots.memo(`schemas:${diff.major}:${options.profile}:${options.shadowUrl ?? ''}`, build) : build());
      const ahead = compareSnapshots(diff.migrationsSnapshot, schemas);
      result.declarative = { aligned: ahead.objects.length === 0, files: files.length, differences: ahead.objects, sql: ahead.sql };
    }
    result.aligned = result.history.aligned && result.schema.aligned && (result.declarative?.aligned ?? true);
    return result;
  } finally {
    await remote.end().catch(() => undefined);
  }
}
