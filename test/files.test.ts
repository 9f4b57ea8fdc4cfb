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
  test('orders versions as strings, as the Supabase CLI does', async () => {
    const dir = await makeProject({
      'supabase/migrations/20240105_short.sql': 'select 1;',
      'supabase/migrations/20240104120000_long.sql': 'select 1;',
      'supabase/migrations/20230101120000_older.sql': 'select 1;',
      'supabase/migrations/9_tiny.sql': 'select 1;',
      'supabase/migrations/002_x.sql': 'select 1;',
      'supabase/migrations/2_y.sql': 'select 1;',
    });
    const { files, warnings } = await listMigrations(dir);
    assert.deepEqual(files.map((f) => f.version), ['002', '2', '20230101120000', '20240104120000', '20240105', '9']);
    assert.deepEqual(warnings, []);
  });

  test('follows symbolic links; a broken one is a one-line error naming it when the file is read', async () => {
    const dir = await makeProject({ 'shared/base.sql': 'create table t (a int);' });
    await fs.symlink(path.join(dir, 'shared/base.sql'), path.join(dir, 'supabase/migrations/20240101000000_linked.sql'));
    await fs.symlink(path.join(dir, 'shared/gone.sql'), path.join(dir, 'supabase/migrations/20240102000000_broken.sql'));
    await fs.mkdir(path.join(dir, 'supabase/migrations/20240103000000_folder.sql'));
    const { files } = await listMigrations(dir);
    assert.deepEqual(files.map((f) => f.file), ['20240101000000_linked.sql', '20240102000000_broken.sql']);
    assert.equal((await loadMigration(files[0]!)).statements[0]!.sql, 'create table t (a int)');
    await assert.rejects(loadMigration(files[1]!), /^DbalignError: cannot read migration 20240102000000_broken\.sql: it is a symbolic link to .*gone\.sql, which does not exist; fix or remove the link$/);
  });

  test('skips the legacy <timestamp>_init.sql when it is the first entry of the folder, as the CLI does', async () => {
    const legacy = await makeProject({
      'supabase/migrations/20211208000000_init.sql': 'create table old (a int);',
      'supabase/migrations/20211210000000_next.sql': 'select 1;',
    });
    const a = await listMigrations(legacy);
    assert.deepEqual(a.files.map((f) => f.version), ['20211210000000']);
    assert.match(a.warnings.join('\n'), /skipping 20211208000000_init\.sql: .*replace "init" in its name to apply it/);
    // Not first (the CLI counts every entry, .gitkeep included), or from 2021-12-09 on: a migration.
    const notFirst = await makeProject({ 'supabase/migrations/.gitkeep': '', 'supabase/migrations/20211208000000_init.sql': 'select 1;' });
    assert.deepEqual((await listMigrations(notFirst)).files.map((f) => f.version), ['20211208000000']);
    const recent = await makeProject({ 'supabase/migrations/20211209000000_init.sql': 'select 1;' });
    assert.deepEqual((await listMigrations(recent)).files.map((f) => f.version), ['20211209000000']);
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
      'supabase/migrations/20240101000000_b.sql': 'select 1;',
    });
    await assert.rejects(listMigrations(dir), /duplicate migration version 20240101000000: 20240101000000_a\.sql and 20240101000000_b\.sql/);
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

  test('accepts empty and comment-only files, as `supabase migration new` makes them', async () => {
    assert.deepEqual((await load('')).statements, []);
    assert.deepEqual((await load('\n  \n')).statements, []);
    const comment = await load('-- only a comment\n');
    assert.deepEqual(comment.statements.map((s) => s.sql), ['-- only a comment']);
    assert.equal(comment.mode, 'transaction');
  });

  test('runs a file wrapped in BEGIN … COMMIT in its own transaction', async () => {
    const m = await load('-- why\n/* and how */\nBEGIN;\ncreate table t (a int);\ndo $$ begin perform 1; end; $$;\ncreate function f() returns int language plpgsql as $f$ begin return 1; end $f$;\nCOMMIT;\n-- end\n');
    assert.equal(m.mode, 'file');
    assert.equal(m.statements.length, 6);
    assert.equal((await load('start transaction isolation level serializable;\nselect 1;\nend;')).mode, 'file');
    assert.equal((await load('-- pg-delta: transaction=false\nalter type t add value \'b\';')).mode, 'none');
  });

  test('transaction control: what cannot run is refused, what could leave part of a file applied is marked, naming the keyword and its line', async () => {
    await assert.rejects(load(Buffer.from([0x73, 0x65, 0x6c, 0x65, 0x63, 0x74, 0x20, 0xff, 0xfe])), /is not UTF-8 text: save it as UTF-8/);
    await assert.rejects(load("select 'open\n"), /syntax error at line 1/);
    // Transactions of the file's own that do not span it: run as the CLI runs them, with the reason push refuses them.
    const blocks = await load('-- a\n-- b\nbegin;\ncreate table t (a int);\n-- c\ncommit;\nbegin;\ncreate table u (a int);\ncommit;\n');
    assert.equal(blocks.mode, 'none');
    assert.match(blocks.unsafe!, /^20240101000000_x\.sql line 6: COMMIT in the middle of the file would leave the statements before it applied and the file unrecorded if a later one failed; split the file at line 6/);
    await assert.rejects(load('create table t (a int);\n\n-- now\ncommit;\n'), /line 4: COMMIT has no BEGIN before it/);
    const late = await load('create table t (a int);\n-- go\nbegin;\ncreate table u (a int);\ncommit;');
    assert.equal(late.mode, 'none');
    assert.match(late.unsafe!, /line 3: BEGIN is not the file's first statement/);
    assert.equal((await load('begin;\ncreate table t (a int);\ncommit;')).unsafe, undefined);
    await assert.rejects(load('begin;\ncreate table t (a int);\ncommit;\nbegin;\nbegin;\ncommit;'), /line 5: BEGIN opens a transaction inside the one opened at line 4/);
    await assert.rejects(load('begin;\ncreate table t (a int);\n'), /line 1: BEGIN has no COMMIT after it; end the file with COMMIT/);
    await assert.rejects(load('begin;\ncreate table t (a int);\n/* undo */ rollback;\n'), /line 3: ROLLBACK ends the transaction without committing it/);
    await assert.rejects(load('begin;\ncreate index concurrently i on t (a);\ncommit;'), /line 2: CREATE INDEX CONCURRENTLY cannot run inside the transaction opened at line 1/);
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
  test('compareVersions compares strings, as the Supabase CLI does', () => {
    assert.ok(compareVersions('10', '9') < 0);
    assert.ok(compareVersions('20240104120000', '20240105') < 0);
    assert.ok(compareVersions('002', '2') < 0);
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
