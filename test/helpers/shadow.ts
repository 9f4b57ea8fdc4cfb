/** Shadow databases for tests: migration files built on a test server, as dbalign builds them. */
import fs from 'node:fs/promises';
import { listMigrations, loadMigrations } from '../../src/migrations/files.js';
import { loadProject } from '../../src/migrations/project.js';
import { silentLog } from '../../src/procedure/log.js';
import type { Profile } from '../../src/procedure/reset.js';
import { createShadow } from '../../src/procedure/shadow.js';
import { makeProject, type TestServer } from './pg.js';

/** Builds `files` (migration name → SQL) in a shadow on the test server; returns its URL and dispose. */
export async function shadowOf(srv: TestServer, files: Record<string, string>, profile: Profile = 'plain') {
  const dir = await makeProject(Object.fromEntries(Object.entries(files).map(([f, sql]) => [`supabase/migrations/${f}`, sql])));
  const project = await loadProject(dir);
  const migrations = await loadMigrations((await listMigrations(dir)).files);
  const shadow = await createShadow(project, migrations, { shadowUrl: srv.server.url('postgres'), major: srv.major, profile }, silentLog);
  return {
    url: shadow.url,
    async dispose() {
      await shadow.dispose();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
