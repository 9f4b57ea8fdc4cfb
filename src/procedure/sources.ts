/**
 * What `diff` and `snapshot` compare: a PostgreSQL URL, `local`, `remote`,
 * `migrations` (a shadow built from the files), `schemas` (a shadow built
 * from the declarative schema files) or a snapshot JSON file.
 */
import fs from 'node:fs/promises';
import { readSnapshot, type Scope, type Snapshot } from '../catalog/index.js';
import { parseUrl, type Client } from '../db/connection.js';
import { redact } from '../db/redact.js';
import type { EmbeddedMajor } from '../db/embedded.js';
import { DbalignError } from '../errors.js';
import { listMigrations, loadMigrations } from '../migrations/files.js';
import type { Project } from '../migrations/project.js';
import { openLocal, remoteUrl, withClient } from './databases.js';
import type { Log } from './log.js';
import { majorOf } from './pull.js';
import { createShadow } from './shadow.js';
import { readSchemaFiles, snapshotOfSchemas } from './declarative.js';

export interface SourceContext {
  project: Project;
  scope: Scope;
  remote?: string;
  local?: string;
  shadow?: string;
  /** Major for a `migrations` shadow when nothing else decides it. */
  major?: EmbeddedMajor;
  /** Open connections by URL (the one the profile was decided on): a read takes its URL's over. */
  connected?: Map<string, Client>;
}

/** Closes the connections no read took over. */
export async function closeConnections(ctx: SourceContext): Promise<void> {
  const clients = [...(ctx.connected?.values() ?? [])];
  ctx.connected?.clear();
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
}

/** Reads a database, over the connection already open to it when there is one. */
async function readDatabase(url: string, role: string, ctx: SourceContext): Promise<Snapshot> {
  const client = ctx.connected?.get(url);
  if (!client) return withClient(url, role, (c) => readSnapshot(c, ctx.scope));
  ctx.connected!.delete(url);
  try {
    return await readSnapshot(client, ctx.scope);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The shape the engine relies on: a file edited by hand or crafted is refused, not half read. */
function isSnapshotShaped(v: unknown): v is Snapshot {
  const s = v as Partial<Snapshot> | null;
  if (!s || typeof s !== 'object' || s.format !== 'dbalign-snapshot-1') return false;
  if (typeof s.serverVersion !== 'number' || !s.scope || typeof s.scope !== 'object' || !Array.isArray(s.warnings)) return false;
  if (!s.objects || typeof s.objects !== 'object' || Array.isArray(s.objects)) return false;
  if (s.extensionsOutOfScope !== undefined && !(Array.isArray(s.extensionsOutOfScope) && s.extensionsOutOfScope.every((e) => typeof e?.name === 'string' && typeof e?.schema === 'string'))) return false;
  for (const [key, o] of Object.entries(s.objects)) {
    const obj = o as unknown as Record<string, unknown> | null;
    if (!obj || typeof obj !== 'object' || obj.key !== key || typeof obj.kind !== 'string' || !Array.isArray(obj.deps)) return false;
  }
  return true;
}

export type SourceKind = 'url' | 'local' | 'remote' | 'migrations' | 'schemas' | 'file';

/** Sources built in a shadow database: they read like the database they are compared with. */
export const SHADOW_SOURCES: readonly SourceKind[] = ['migrations', 'schemas'];

export function sourceKind(src: string): SourceKind {
  if (src === 'local' || src === 'remote' || src === 'migrations' || src === 'schemas') return src;
  if (/^postgres(ql)?:\/\//i.test(src)) return 'url';
  if (/\.json$/i.test(src)) return 'file';
  const shown = redact(src);
  if (/^[a-z][a-z0-9+.:-]*:\/\//i.test(src) || /\b(host|dbname|user|password)\s*=/i.test(src)) {
    throw new DbalignError(`unknown source "${shown}": write the connection as a postgresql://<user>:<password>@<host>:<port>/<database> URL`);
  }
  throw new DbalignError(`unknown source "${shown}": use a postgresql:// URL, local, remote, migrations, schemas or a snapshot .json file`);
}

/** The major of a URL source, so a shadow compared with it reads alike. */
export async function sourceMajor(src: string, ctx: SourceContext): Promise<EmbeddedMajor | undefined> {
  const kind = sourceKind(src);
  if (kind === 'url') return withClient(src, 'source', (c) => majorOf(c, ctx.project.major));
  if (kind === 'remote') return withClient(remoteUrl(ctx.remote), 'remote', (c) => majorOf(c, ctx.project.major));
  return undefined;
}

export async function readSource(src: string, ctx: SourceContext, log: Log): Promise<Snapshot> {
  switch (sourceKind(src)) {
    case 'url':
      parseUrl(src, 'source');
      return readDatabase(src, 'source', ctx);
    case 'remote':
      return readDatabase(remoteUrl(ctx.remote), 'remote', ctx);
    case 'local': {
      const local = await openLocal(ctx.project, ctx.local, log);
      try {
        return await withClient(local.url, 'local', (c) => readSnapshot(c, ctx.scope));
      } finally {
        await local.close();
      }
    }
    case 'migrations': {
      const migrations = await loadMigrations((await listMigrations(ctx.project.workdir)).files);
      const shadow = await createShadow(ctx.project, migrations, { major: ctx.major ?? ctx.project.major, profile: ctx.scope.profile, shadowUrl: ctx.shadow }, log);
      try {
        return await withClient(shadow.url, 'shadow', (c) => readSnapshot(c, ctx.scope));
      } finally {
        await shadow.dispose();
      }
    }
    case 'schemas': {
      const files = await readSchemaFiles(ctx.project, log);
      return snapshotOfSchemas(ctx.project, files, { major: ctx.major ?? ctx.project.major, profile: ctx.scope.profile, shadowUrl: ctx.shadow }, ctx.scope, log);
    }
    case 'file': {
      let parsed: Snapshot;
      try {
        parsed = JSON.parse(await fs.readFile(src, 'utf8')) as Snapshot;
      } catch (err) {
        throw new DbalignError(`cannot read snapshot ${src}: ${(err as Error).message.split('\n')[0]}; write one with \`dbalign snapshot --db <src> --out ${src}\``);
      }
      if (!isSnapshotShaped(parsed)) {
        throw new DbalignError(`${src} is not a dbalign snapshot: write one with \`dbalign snapshot --db <src> --out ${src}\``);
      }
      return parsed;
    }
  }
}
