import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { initProject, loadProject, seedFiles } from '../src/migrations/project.js';
import { makeProject } from './helpers/pg.js';

describe('loadProject', () => {
  test('reads major_version and seed paths from config.toml, with defaults', async () => {
    const plain = await loadProject(await makeProject());
    assert.equal(plain.major, 17);
    assert.equal(plain.isSupabase, false);
    assert.deepEqual(plain.seed, { enabled: true, sqlPaths: ['./seed.sql'] });
    const dir = await makeProject({
      'supabase/config.toml': '[db]\nmajor_version = 15\n[db.seed]\nsql_paths = ["./seeds/*.sql", "./extra.sql"]\n',
      'supabase/seeds/b.sql': 'select 2;',
      'supabase/seeds/a.sql': 'select 1;',
      'supabase/extra.sql': 'select 3;',
    });
    const p = await loadProject(dir);
    assert.equal(p.major, 15);
    assert.equal(p.isSupabase, true);
    assert.deepEqual((await seedFiles(p)).map((f) => f.path), ['supabase/seeds/a.sql', 'supabase/seeds/b.sql', 'supabase/extra.sql']);
    const off = await loadProject(await makeProject({ 'supabase/config.toml': '[db.seed]\nenabled = false\n', 'supabase/seed.sql': 'select 1;' }));
    assert.deepEqual(await seedFiles(off), []);
  });
});

describe('initProject', () => {
  test('creates the folders, ignores .dbalign/ in git, and is idempotent', async () => {
    const dir = await makeProject({ '.gitignore': 'node_modules/' });
    await fs.rm(path.join(dir, 'supabase'), { recursive: true });
    const first = await initProject(dir);
    assert.deepEqual(first.created, ['supabase/migrations/', '.dbalign/', '.gitignore entry for .dbalign/']);
    assert.equal(await fs.readFile(path.join(dir, '.gitignore'), 'utf8'), 'node_modules/\n.dbalign/\n');
    assert.equal(await fs.readFile(path.join(dir, '.dbalign', '.gitignore'), 'utf8'), '*\n');
    assert.deepEqual((await initProject(dir)).created, []);
  });
});
