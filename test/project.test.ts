import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { goGlob, initProject, loadProject, seedFiles } from '../src/migrations/project.js';
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

describe('goGlob', () => {
  test('matches as Go\'s fs.Glob does (what the Supabase CLI uses): wildcards within a segment, ** as *, sorted', async () => {
    const dir = await makeProject({
      'supabase/s/b.sql': '',
      'supabase/s/a.sql': '',
      'supabase/s/x/c.sql': '',
      'supabase/s/x/y/d.sql': '',
      'supabase/s/[odd].sql': '',
      'supabase/t/e.sql': '',
    });
    const base = path.join(dir, 'supabase');
    const rel = (files: string[]) => files.map((f) => path.relative(base, f));
    assert.deepEqual(rel(await goGlob(base, './s/*.sql', 'x')), ['s/[odd].sql', 's/a.sql', 's/b.sql']);
    assert.deepEqual(rel(await goGlob(base, './s/**/*.sql', 'x')), ['s/x/c.sql'], '** is one segment, as in Go');
    assert.deepEqual(rel(await goGlob(base, '*/?.sql', 'x')), ['s/a.sql', 's/b.sql', 't/e.sql']);
    assert.deepEqual(rel(await goGlob(base, 's/[ab].sql', 'x')), ['s/a.sql', 's/b.sql']);
    assert.deepEqual(rel(await goGlob(base, 's/[^a].sql', 'x')), ['s/b.sql']);
    assert.deepEqual(rel(await goGlob(base, 's/\\[odd].sql', 'x')), ['s/[odd].sql']);
    assert.deepEqual(rel(await goGlob(base, '/s/a.sql', 'x')), ['s/a.sql'], 'an absolute pattern is joined to the folder, as the CLI joins it');
    assert.deepEqual(rel(await goGlob(base, 's/x', 'x')), [], 'folders only when asked for');
    assert.deepEqual(rel(await goGlob(base, 's/x', 'x', { directories: true })), ['s/x']);
    await assert.rejects(goGlob(base, 's/[ab.sql', '[db.seed] sql_paths'), /^DbalignError: supabase\/config.toml \[db.seed\] sql_paths has an invalid pattern "s\/\[ab.sql": close its \[ \] or remove it$/);
  });
});
