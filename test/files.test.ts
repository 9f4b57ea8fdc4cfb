import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  compareVersions,
  createMigration,
  listMigrations,
  loadMigration,
  timestampVersion,
  versionTime,
} from '../src/migrations/files.js';
import { makeProject } from './helpers/pg.js';

describe('listMigrations', () => {
  test('orders versions numerically, so 8- and 14-digit versions mix', async () => {
    const dir = await makeProject({
      'supabase/migrations/20240102_short.sql': 'select 1;',
      'supabase/migrations/20230101120000_long.sql': 'select 1;',
      'supabase/migrations/20240101120000_later.sql': 'select 1;',
      'supabase/migrations/9_tiny.sql': 'select 1;',
    });
    const { files, warnings } = await listMigrations(dir);
    assert.deepEqual(files.map((f) => f.version), ['9', '20240102', '20230101120000', '20240101120000']);
    assert.deepEqual(warnings, []);
  });

  test('skips files that are not migrations, with a warning', async () => {
    const dir = await makeProject({
      'supabase/migrations/20240101000000_ok.sql': 'select 1;',
      'supabase/migrations/notes.md': '',
      'supabase/migrations/v2_bad.sql': '',
      'supabase/migrations/.gitkeep': '',
    });
    const { files, warnings } = await listMigrations(dir);
    assert.deepEqual(files.map((f) => f.file), ['20240101000000_ok.sql']);
    assert.equal(warnings.length, 2);
    assert.match(warnings.join('\n'), /skipping notes\.md/);
    assert.match(warnings.join('\n'), /skipping v2_bad\.sql/);
  });

  test('a duplicate version is an error naming both files', async () => {
    const dir = await makeProject({
      'supabase/migrations/20240101000000_a.sql': 'select 1;',
      'supabase/migrations/020240101000000_b.sql': 'select 1;',
    });
    await assert.rejects(listMigrations(dir), /duplicate migration version .*020240101000000_b\.sql.*20240101000000_a\.sql|duplicate migration version .*20240101000000_a\.sql.*020240101000000_b\.sql/);
  });

  test('a missing folder says how to create it', async () => {
    const dir = await makeProject();
    await fs.rm(path.join(dir, 'supabase'), { recursive: true });
    await assert.rejects(listMigrations(dir), /no migrations folder at .*: run `dbalign new <name>`/);
  });
});

describe('loadMigration', () => {
  async function load(content: string | Buffer, name = '20240101000000_x.sql') {
    const dir = await makeProject({ [`supabase/migrations/${name}`]: content });
    const { files } = await listMigrations(dir);
    return loadMigration(files[0]!);
  }

  test('splits a file and notes statements that cannot run in a transaction', async () => {
    const m = await load('create table t (a int);\ncreate index concurrently i on t (a);\n');
    assert.equal(m.statements.length, 2);
    assert.equal(m.nonTransactional, 'CREATE INDEX CONCURRENTLY');
  });

  test('rejects empty, comment-only, non-UTF-8 files and stray transaction control', async () => {
    await assert.rejects(load(''), /20240101000000_x\.sql has no SQL statements: write its SQL, or delete the file/);
    await assert.rejects(load('-- only a comment\n'), /has no SQL statements/);
    await assert.rejects(load(Buffer.from([0x73, 0x65, 0x6c, 0x65, 0x63, 0x74, 0x20, 0xff, 0xfe])), /is not UTF-8 text: save it as UTF-8/);
    await assert.rejects(load('create table t (a int);\ncommit;\n'), /line 2: COMMIT is not allowed in a migration/);
    await assert.rejects(load('begin;\ncreate table t (a int);\n'), /line 1: BEGIN is not allowed/);
    await assert.rejects(load("select 'open\n"), /syntax error at line 1/);
  });

  test('accepts a UTF-8 byte order mark', async () => {
    const m = await load(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('select 1;')]));
    assert.equal(m.statements[0]!.sql, 'select 1');
  });

  test('a NUL byte is refused, since the text after it would be lost unseen', async () => {
    const text = Buffer.concat([Buffer.from('create table a (id int);\nselect 1;'), Buffer.from([0]), Buffer.from('\ndrop table a;\n')]);
    await assert.rejects(load(text), /migration 20240101000000_x\.sql holds a NUL byte at line 2: remove it and run again/);
  });

  test('an unreadable file is a one-line error', { skip: process.getuid?.() === 0 ? 'root reads every file' : false }, async () => {
    const dir = await makeProject({ 'supabase/migrations/20240101000000_x.sql': 'select 1;' });
    const file = path.join(dir, 'supabase/migrations/20240101000000_x.sql');
    await fs.chmod(file, 0);
    const { files } = await listMigrations(dir);
    await assert.rejects(loadMigration(files[0]!), /cannot read migration 20240101000000_x\.sql: permission denied/);
  });
});

describe('versions and new files', () => {
  test('compareVersions is numeric', () => {
    assert.ok(compareVersions('9', '10') < 0);
    assert.ok(compareVersions('20240102', '20230101120000') < 0);
    assert.equal(compareVersions('1', '1'), 0);
  });

  test('versionTime renders timestamps only', () => {
    assert.equal(versionTime('20240131235959'), '2024-01-31 23:59:59');
    assert.equal(versionTime('20240131'), '2024-01-31 00:00:00');
    assert.equal(versionTime('7'), '');
  });

  test('createMigration names the file by UTC time and never collides', async () => {
    const dir = await makeProject();
    const when = new Date(Date.UTC(2024, 4, 6, 7, 8, 9));
    assert.equal(timestampVersion(when), '20240506070809');
    const a = await createMigration(dir, 'create users', '', when);
    const b = await createMigration(dir, 'create_users', '', when);
    assert.equal(a.file, '20240506070809_create_users.sql');
    assert.equal(b.file, '20240506070810_create_users.sql');
    await assert.rejects(createMigration(dir, '../escape'), /invalid migration name/);
  });
});
