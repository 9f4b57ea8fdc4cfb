/** The diff layer: pure comparison of snapshots into typed changes. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { diffSnapshots } from '../src/diff/index.js';
import { diffDatabases } from '../src/plan/index.js';
import type { Change } from '../src/diff/index.js';
import { MAJORS, startTestServer, type TestServer } from './helpers/pg.js';
import {
  col,
  enumObj,
  functionObj,
  indexObj,
  schemaObj,
  snapshotFrom,
  snapshotOf,
  tableObj,
  viewObj,
  withClient,
} from './helpers/schema.js';

const ops = (changes: Change[]) => changes.map((c) => `${c.op} ${c.key}`);

describe('diffSnapshots (pure)', () => {
  const base = [schemaObj('public'), tableObj('public', 't', [col('id'), col('name', 'text')])];

  test('identical snapshots have no changes', () => {
    assert.deepEqual(diffSnapshots(snapshotFrom(base), snapshotFrom(structuredClone(base))), []);
  });

  test('create, drop and alter, with the objects before and after', () => {
    const from = snapshotFrom([...base, indexObj('public', 't', 'old_i', 'id')]);
    const to = snapshotFrom([schemaObj('public'), tableObj('public', 't', [col('id'), col('name', 'text'), col('x')]), indexObj('public', 't', 'new_i', 'id')]);
    const changes = diffSnapshots(from, to);
    assert.deepEqual(ops(changes), ['create index "public"."new_i"', 'drop index "public"."old_i"', 'alter table "public"."t"']);
    const alter = changes.find((c) => c.op === 'alter')!;
    assert.ok(alter.op === 'alter');
    assert.equal((alter.before as any).columns.length, 2);
    assert.equal((alter.after as any).columns.length, 3);
  });

  test('changes are sorted by key and deterministic', () => {
    const to = snapshotFrom([...base, indexObj('public', 't', 'b', 'id'), indexObj('public', 't', 'a', 'id')]);
    const a = diffSnapshots(snapshotFrom(base), to);
    assert.deepEqual(ops(a), ['create index "public"."a"', 'create index "public"."b"']);
    assert.deepEqual(diffSnapshots(snapshotFrom(base), to), a);
  });

  test('a comment-only change is an alter, never a rebuild', () => {
    const to = snapshotFrom([schemaObj('public'), { ...tableObj('public', 't', [col('id'), col('name', 'text')]), comment: 'hi' }]);
    assert.deepEqual(ops(diffSnapshots(snapshotFrom(base), to)), ['alter table "public"."t"']);
  });

  test('dependencies alone do not make a change', () => {
    const to = snapshotFrom([schemaObj('public'), { ...tableObj('public', 't', [col('id'), col('name', 'text')]), deps: ['schema "public"', 'type "x"."y"'] }]);
    assert.deepEqual(diffSnapshots(snapshotFrom(base), to), []);
  });

  test('owners count only with withOwners', () => {
    const from = snapshotFrom([{ ...schemaObj('s'), owner: 'alice' }]);
    const to = snapshotFrom([{ ...schemaObj('s'), owner: 'bob' }]);
    assert.deepEqual(diffSnapshots(from, to), []);
    assert.deepEqual(ops(diffSnapshots(from, to, { withOwners: true })), ['alter schema "s"']);
  });

  test('enum: added values alter in place, removed or reordered ones rebuild', () => {
    const from = snapshotFrom([schemaObj('public'), enumObj('public', 'e', ['a', 'c'])]);
    assert.deepEqual(ops(diffSnapshots(from, snapshotFrom([schemaObj('public'), enumObj('public', 'e', ['a', 'b', 'c'])]))), ['alter type "public"."e"']);
    const removed = diffSnapshots(from, snapshotFrom([schemaObj('public'), enumObj('public', 'e', ['a'])]));
    assert.equal(removed[0]!.op, 'recreate');
    assert.ok(removed[0]!.op === 'recreate' && /removed or reordered/.test(removed[0]!.reason));
    assert.equal(diffSnapshots(from, snapshotFrom([schemaObj('public'), enumObj('public', 'e', ['c', 'a'])]))[0]!.op, 'recreate');
  });

  test('view: added columns replace in place, changed columns rebuild', () => {
    const v = (cols: Array<[string, string]>) => viewObj('public', 'v', ' SELECT ...', cols, ['table "public"."t"']);
    const from = snapshotFrom([...base, v([['id', 'integer']])]);
    assert.equal(diffSnapshots(from, snapshotFrom([...base, v([['id', 'integer'], ['name', 'text']])]))[0]!.op, 'alter');
    assert.equal(diffSnapshots(from, snapshotFrom([...base, v([['name', 'text']])]))[0]!.op, 'recreate');
    assert.equal(diffSnapshots(from, snapshotFrom([...base, v([['id', 'bigint']])]))[0]!.op, 'recreate');
  });

  test('function: new body replaces, new return type rebuilds', () => {
    const from = snapshotFrom([schemaObj('public'), functionObj('public', 'f', 'integer', 'integer', 'select 1')]);
    assert.equal(diffSnapshots(from, snapshotFrom([schemaObj('public'), functionObj('public', 'f', 'integer', 'integer', 'select 2')]))[0]!.op, 'alter');
    assert.equal(diffSnapshots(from, snapshotFrom([schemaObj('public'), functionObj('public', 'f', 'integer', 'text', 'select 2')]))[0]!.op, 'recreate');
  });

  test('a column type change rebuilds the views using the table, transitively', () => {
    const v1 = viewObj('public', 'v1', ' SELECT id FROM t;', [['id', 'integer']], ['table "public"."t"']);
    const v2 = viewObj('public', 'v2', ' SELECT id FROM v1;', [['id', 'integer']], ['view "public"."v1"']);
    const from = snapshotFrom([...base, v1, v2]);
    const to = snapshotFrom([schemaObj('public'), tableObj('public', 't', [col('id'), col('name', 'varchar')]), v1, v2]);
    const changes = diffSnapshots(from, to);
    assert.deepEqual(ops(changes), ['alter table "public"."t"', 'recreate view "public"."v1"', 'recreate view "public"."v2"']);
    const r = changes[1]!;
    assert.ok(r.op === 'recreate' && r.reason.includes('table "public"."t"'));
  });

  test('adding a column leaves dependent views alone', () => {
    const v1 = viewObj('public', 'v1', ' SELECT id FROM t;', [['id', 'integer']], ['table "public"."t"']);
    const to = snapshotFrom([schemaObj('public'), tableObj('public', 't', [col('id'), col('name', 'text'), col('z')]), v1]);
    assert.deepEqual(ops(diffSnapshots(snapshotFrom([...base, v1]), to)), ['alter table "public"."t"']);
  });

  test('objects using something dropped are rebuilt (a table replaced by a view of the same name)', () => {
    const q = (dep: string) => viewObj('public', 'q', ' SELECT id FROM data;', [['id', 'integer']], [dep]);
    const from = snapshotFrom([schemaObj('public'), tableObj('public', 'data', [col('id')]), q('table "public"."data"')]);
    const to = snapshotFrom([
      schemaObj('public'),
      tableObj('public', 't_data', [col('id')]),
      viewObj('public', 'data', ' SELECT id FROM t_data;', [['id', 'integer']], ['table "public"."t_data"']),
      q('view "public"."data"'),
    ]);
    assert.deepEqual(ops(diffSnapshots(from, to)), [
      'drop table "public"."data"',
      'create table "public"."t_data"',
      'create view "public"."data"',
      'recreate view "public"."q"',
    ]);
  });

  test('a partitioned table that stops being partitioned is rebuilt', () => {
    const from = snapshotFrom([schemaObj('public'), tableObj('public', 'p', [col('d', 'date')], { partitioned: true, partitionKey: 'RANGE (d)' })]);
    const to = snapshotFrom([schemaObj('public'), tableObj('public', 'p', [col('d', 'date')])]);
    const [c] = diffSnapshots(from, to);
    assert.ok(c!.op === 'recreate' && c!.reason === 'stops being partitioned');
  });

  test('snapshots that went through JSON diff the same', () => {
    const from = snapshotFrom([...base, indexObj('public', 't', 'i', 'id')]);
    const to = snapshotFrom([schemaObj('public'), tableObj('public', 't', [col('id', 'bigint')])]);
    assert.deepEqual(diffSnapshots(JSON.parse(JSON.stringify(from)), JSON.parse(JSON.stringify(to))), diffSnapshots(from, to));
  });
});

for (const major of MAJORS) {
  describe(`diff of real databases on PostgreSQL ${major}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(major);
    });
    after(async () => {
      await server?.stop();
    });

    test('a database against itself has no changes', async () => {
      const url = await server.createDatabase('d');
      await server.query(url, `create type e as enum ('a'); create table t (id serial primary key, e e default 'a', v text check (v <> ''));
        create index on t (v); create view v as select * from t; create function f() returns int language sql as 'select 1';`);
      const s = await snapshotOf(url, { profile: 'plain' });
      assert.deepEqual(diffSnapshots(s, s), []);
      const s2 = await snapshotOf(url, { profile: 'plain' });
      assert.deepEqual(diffSnapshots(s, s2), []);
    });

    test('diffDatabases returns the plan, its SQL and warnings', async () => {
      const a = await server.createDatabase('d');
      const b = await server.createDatabase('d');
      // statistics on a table out of scope cannot be compared: a warning
      const outside = 'create schema app; create table public.wide (a int, b int); create statistics app.ab on a, b from public.wide;';
      await server.query(a, `${outside} create table app.t (id int);`);
      await server.query(b, `${outside} create table app.t (id int, name text);`);
      const result = await withClient(a, (ca) => withClient(b, (cb) => diffDatabases(ca, cb, { profile: 'plain', includeSchemas: ['app'] })));
      assert.match(result.sql, /ALTER TABLE "app"\."t" ADD COLUMN "name" text;/);
      assert.ok(result.warnings.some((w) => /statistics object "app"\."ab" is on a table out of scope: it is not compared/.test(w)), result.warnings.join('\n'));
      assert.match(result.sql, /-- warning: statistics object "app"\."ab"/);
      assert.equal(result.plan.steps.length, 1);
    });

    test('the kinds of changes real schema edits produce', async () => {
      const a = await server.createDatabase('d');
      const b = await server.createDatabase('d');
      await server.query(a, `create type e as enum ('x', 'y'); create table t (id int, v int); create view w as select v from t; create index i on t (v);`);
      await server.query(b, `create type e as enum ('y', 'x'); create table t (id int, v bigint); create view w as select v from t; create index i on t (v, id);`);
      const changes = diffSnapshots(await snapshotOf(a, { profile: 'plain' }), await snapshotOf(b, { profile: 'plain' }));
      assert.deepEqual(ops(changes), ['recreate index "public"."i"', 'alter table "public"."t"', 'recreate type "public"."e"', 'recreate view "public"."w"']);
    });
  });
}
