/** The plan layer: order from dependencies, hazards, safe mode, rendering, applying. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { diffSnapshots } from '../src/diff/diff.js';
import { applyPlan, planChanges, renderPlan, UnsafePlanError, type Plan } from '../src/plan/index.js';
import { MAJORS, startTestServer, type TestServer } from './helpers/pg.js';
import {
  col,
  functionObj,
  indexObj,
  largeSnapshot,
  planBetween,
  schemaObj,
  snapshotFrom,
  snapshotOf,
  tableObj,
  viewObj,
  withClient,
} from './helpers/schema.js';

/** Index of the first step whose SQL matches. */
function at(plan: Plan, re: RegExp): number {
  const i = plan.steps.findIndex((s) => re.test(s.sql));
  assert.ok(i >= 0, `no step matches ${re}:\n${renderPlan(plan)}`);
  return i;
}

describe('planChanges (pure)', () => {
  test('creates follow what they need, whatever the keys sort to', () => {
    const to = snapshotFrom([
      schemaObj('a_schema'),
      tableObj('a_schema', 'z_table', [col('id')], { deps: ['schema "a_schema"'] }),
      indexObj('a_schema', 'z_table', 'a_index', 'id'),
      viewObj('a_schema', 'a_view', ' SELECT id FROM a_schema.z_table;', [['id', 'integer']], ['table "a_schema"."z_table"']),
    ]);
    const from = snapshotFrom([]);
    const plan = planChanges(diffSnapshots(from, to), from, to);
    assert.ok(at(plan, /^CREATE SCHEMA/) < at(plan, /^CREATE TABLE/));
    assert.ok(at(plan, /^CREATE TABLE/) < at(plan, /^CREATE INDEX/));
    assert.ok(at(plan, /^CREATE TABLE/) < at(plan, /^CREATE VIEW/));
  });

  test('drops come before what they would break', () => {
    const from = snapshotFrom([
      schemaObj('s'),
      tableObj('s', 't', [col('id')]),
      viewObj('s', 'v', ' SELECT id FROM s.t;', [['id', 'integer']], ['table "s"."t"']),
    ]);
    const to = snapshotFrom([]);
    const plan = planChanges(diffSnapshots(from, to), from, to);
    assert.deepEqual(
      plan.steps.map((s) => s.sql),
      ['DROP VIEW "s"."v";', 'DROP TABLE "s"."t";', 'DROP SCHEMA "s";'],
    );
  });

  test('a dependency cycle is reported, not looped on', () => {
    const v1 = viewObj('public', 'v1', ' SELECT 1;', [['a', 'integer']], ['view "public"."v2"']);
    const v2 = viewObj('public', 'v2', ' SELECT 1;', [['a', 'integer']], ['view "public"."v1"']);
    const from = snapshotFrom([schemaObj('public')]);
    const to = snapshotFrom([schemaObj('public'), v1, v2]);
    const plan = planChanges(diffSnapshots(from, to), from, to);
    assert.equal(plan.steps.length, 2);
    assert.ok(plan.warnings.some((w) => /dependency cycle among: post:view "public"."v1", post:view "public"."v2"/.test(w)));
  });


  test('a string body orders what it names first, and gives way where that would close a cycle', () => {
    // b_total() calls a_rows() in a string body (no recorded dependency); the view runs b_total().
    const rows = functionObj('public', 'z_rows', '', 'bigint', 'select 1');
    const total = functionObj('public', 'a_total', '', 'bigint', 'select public.z_rows()');
    const v = viewObj('public', 'a_view', ' SELECT public.a_total() AS n;', [['n', 'bigint']], [total.key]);
    // even() and odd() call each other: their preferences form a cycle and are dropped, with no warning.
    const even = functionObj('public', 'even', 'n integer', 'boolean', 'select n = 0 or odd(n - 1)');
    const odd = functionObj('public', 'odd', 'n integer', 'boolean', 'select n <> 0 and even(n - 1)');
    const from = snapshotFrom([schemaObj('public')]);
    const to = snapshotFrom([schemaObj('public'), rows, total, v, even, odd]);
    const plan = planChanges(diffSnapshots(from, to), from, to);
    assert.ok(at(plan, /FUNCTION public\.z_rows/) < at(plan, /FUNCTION public\.a_total/), renderPlan(plan));
    assert.ok(at(plan, /FUNCTION public\.a_total/) < at(plan, /^CREATE VIEW/));
    assert.equal(plan.steps.filter((s) => /FUNCTION public\.(even|odd)/.test(s.sql)).length, 2);
    assert.deepEqual(plan.warnings, []);
  });
  test('hazards: dropping a table deletes data, a type change rewrites under ACCESS EXCLUSIVE', () => {
    const from = snapshotFrom([schemaObj('public'), tableObj('public', 't', [col('id'), col('v')]), tableObj('public', 'gone', [col('id')])]);
    const to = snapshotFrom([schemaObj('public'), tableObj('public', 't', [col('id'), col('v', 'bigint')])]);
    const plan = planChanges(diffSnapshots(from, to), from, to);
    const drop = plan.steps[at(plan, /^DROP TABLE "public"\."gone"/)]!;
    assert.deepEqual(drop.hazards.map((h) => h.type), ['deletes_data', 'access_exclusive_lock']);
    const alter = plan.steps[at(plan, /ALTER COLUMN "v" TYPE bigint/)]!;
    assert.deepEqual(alter.hazards.map((h) => h.type).sort(), ['access_exclusive_lock', 'rewrites_table']);
    assert.equal(alter.kind, 'table');
    assert.equal(alter.key, 'table "public"."t"');
  });

  test('safe mode refuses destructive steps and lists them', () => {
    const from = snapshotFrom([schemaObj('public'), tableObj('public', 't', [col('id'), col('v')])]);
    const to = snapshotFrom([schemaObj('public'), tableObj('public', 't', [col('id')])]);
    assert.throws(
      () => planChanges(diffSnapshots(from, to), from, to, { safe: true }),
      (err: unknown) =>
        err instanceof UnsafePlanError &&
        err.steps.length === 1 &&
        /refusing 1 destructive step \(safe mode\):\n {2}ALTER TABLE "public"\."t" DROP COLUMN "v";  -- drops column "v" of "public"\."t"/.test(err.message),
    );
    const grow = planChanges(diffSnapshots(to, from), to, from, { safe: true });
    assert.equal(grow.steps.length, 1);
  });

  test('renderPlan marks hazards above their statement and lists warnings', () => {
    const from = snapshotFrom([schemaObj('public'), tableObj('public', 't', [col('id')])], ['foreign table "public"."f": foreign tables are not compared yet']);
    const to = snapshotFrom([schemaObj('public')]);
    const sql = renderPlan(planChanges(diffSnapshots(from, to), from, to));
    assert.equal(
      sql,
      [
        '-- warning: foreign table "public"."f": foreign tables are not compared yet',
        '-- hazard: deletes data: drops table "public"."t" and its rows',
        '-- hazard: access exclusive lock: drops a table',
        'DROP TABLE "public"."t";',
        '',
      ].join('\n'),
    );
    assert.equal(renderPlan({ settings: [], steps: [], warnings: [] }), '');
  });

  // Its speed is measured in bench/, never asserted here: a loaded machine makes any time bound flaky.
  test('a plan grows with the change, not with the schema: 4× the tables, 4× the steps', (t) => {
    const run = (tables: number) => {
      const from = largeSnapshot(tables, 5, 4);
      const to = largeSnapshot(tables, 5, 4, 1);
      const start = process.hrtime.bigint();
      const plan = planChanges(diffSnapshots(from, to), from, to);
      return { steps: plan.steps.length, ms: Number(process.hrtime.bigint() - start) / 1e6 };
    };
    const small = run(800);
    const large = run(3200);
    t.diagnostic(`diff + plan: ${small.ms.toFixed(0)} ms for 800 tables, ${large.ms.toFixed(0)} ms for 3200 tables (5 indexes each, a view every 4)`);
    // Every 10th table changes a column's type, which rebuilds its view where it has one.
    assert.ok(small.steps > 0);
    assert.equal(large.steps, small.steps * 4);
  });
});

for (const major of MAJORS) {
  describe(`plans against PostgreSQL ${major}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(major);
    });
    after(async () => {
      await server?.stop();
    });

    async function plan(a: string, b: string): Promise<{ plan: Plan; fromUrl: string }> {
      const fromUrl = await server.createDatabase('p');
      const toUrl = await server.createDatabase('p');
      if (a) await server.query(fromUrl, a);
      if (b) await server.query(toUrl, b);
      return { plan: (await planBetween(fromUrl, toUrl, { profile: 'plain' })).plan, fromUrl };
    }

    test('a changed function is one step named after it; the body-check setting is no step of its own', async () => {
      const { plan: p, fromUrl } = await plan(
        `create function f(x int) returns int language sql as 'select x + 1'`,
        `create function f(x int) returns int language sql as 'select x + 2'`,
      );
      assert.deepEqual(p.steps.map((s) => [s.op, s.key]), [['alter', 'function "public"."f"(integer)']]);
      assert.deepEqual(p.settings, ['SET check_function_bodies = false;']);
      assert.match(renderPlan(p), /^SET check_function_bodies = false;\nCREATE OR REPLACE FUNCTION/);
      await withClient(fromUrl, (c) => applyPlan(c, p));
      assert.equal((await server.query(fromUrl, 'select f(1) as v')).rows[0].v, 3);
    });

    test('foreign keys in a cycle are added after both tables', async () => {
      const { plan: p } = await plan('', 'create table a (id int primary key, b_id int); create table b (id int primary key, a_id int references a); alter table a add foreign key (b_id) references b;');
      const fks = p.steps.filter((s) => /FOREIGN KEY/.test(s.sql)).map((s) => p.steps.indexOf(s));
      assert.equal(fks.length, 2);
      assert.ok(Math.min(...fks) > at(p, /^CREATE TABLE "public"\."a"/));
      assert.ok(Math.min(...fks) > at(p, /^CREATE TABLE "public"\."b"/));
    });

    test('views are dropped before a column type change and created again after it', async () => {
      const { plan: p, fromUrl } = await plan(
        'create table t (v int); create view w1 as select v from t; create view w2 as select v from w1; grant select on w2 to public;',
        'create table t (v bigint); create view w1 as select v from t; create view w2 as select v from w1; grant select on w2 to public;',
      );
      const alter = at(p, /ALTER COLUMN "v" TYPE bigint/);
      assert.ok(at(p, /^DROP VIEW "public"\."w2"/) < at(p, /^DROP VIEW "public"\."w1"/));
      assert.ok(at(p, /^DROP VIEW "public"\."w1"/) < alter);
      assert.ok(alter < at(p, /^CREATE VIEW "public"\."w1"/));
      assert.ok(at(p, /^CREATE VIEW "public"\."w1"/) < at(p, /^CREATE VIEW "public"\."w2"/));
      assert.ok(at(p, /^CREATE VIEW "public"\."w2"/) < at(p, /^GRANT SELECT ON TABLE "public"\."w2" TO PUBLIC/));
      await withClient(fromUrl, (c) => applyPlan(c, p));
    });

    test('a new enum value used in the same plan: ADD VALUE commits before its use', async () => {
      const { plan: p, fromUrl } = await plan("create type e as enum ('a'); create table t (v e);", "create type e as enum ('a', 'b'); create table t (v e default 'b');");
      const add = p.steps[at(p, /ADD VALUE 'b'/)]!;
      assert.deepEqual(add.hazards.map((h) => h.type), ['not_in_transaction']);
      assert.ok(at(p, /ADD VALUE/) < at(p, /SET DEFAULT 'b'/));
      await withClient(fromUrl, (c) => applyPlan(c, p));
      const r = await server.query(fromUrl, "select pg_get_expr(adbin, adrelid) d from pg_attrdef where adrelid = 't'::regclass");
      assert.equal(r.rows[0].d, "'b'::e");
    });

    test('a failing plan leaves the database as it was', async () => {
      const { plan: p, fromUrl } = await plan('create table t (v text); insert into t values (\'x\');', 'create table t (v int, w int);');
      await assert.rejects(withClient(fromUrl, (c) => applyPlan(c, p)), /invalid input syntax for type integer/);
      const cols = await server.query(fromUrl, "select count(*)::int n from pg_attribute where attrelid = 't'::regclass and attnum > 0");
      assert.equal(cols.rows[0].n, 1);
    });

    test('the plan uses quoted identifiers that round-trip', async () => {
      const { plan: p, fromUrl } = await plan('', 'create schema "Ünï ""q"""; create table "Ünï ""q"""."select" ("Group By" int primary key);');
      assert.ok(p.steps.some((s) => s.sql.startsWith('CREATE TABLE "Ünï ""q"""."select"')));
      await withClient(fromUrl, (c) => applyPlan(c, p));
      const s = await snapshotOf(fromUrl, { profile: 'plain' });
      assert.ok(s.objects['constraint "Ünï ""q"""."select"."select_pkey"']);
    });

    test('a publication changes in place: subscriptions keep it', async () => {
      const { plan: p, fromUrl } = await plan(
        'create table a (id int primary key); create table b (id int primary key); create publication pub for table a;',
        "create table a (id int primary key); create table b (id int primary key); create publication pub for table b with (publish = 'insert');",
      );
      assert.ok(!p.steps.some((s) => /DROP PUBLICATION|CREATE PUBLICATION/.test(s.sql)), renderPlan(p));
      at(p, /^ALTER PUBLICATION "pub" SET TABLE "public"\."b";$/);
      at(p, /^ALTER PUBLICATION "pub" SET \(publish = 'insert', publish_via_partition_root = false\);$/);
      await withClient(fromUrl, (c) => applyPlan(c, p));
    });

    test('a column default lets go of a function while it is created again, and gets it back', async () => {
      const { plan: p, fromUrl } = await plan(
        "create function code() returns int language sql as 'select 1'; create table t (c int default code()); insert into t values (5);",
        "create function code() returns bigint language sql as 'select 2::bigint'; create table t (c int default code());",
      );
      assert.ok(at(p, /ALTER COLUMN "c" DROP DEFAULT/) < at(p, /^DROP FUNCTION "public"\."code"/));
      assert.ok(at(p, /^CREATE OR REPLACE FUNCTION public\.code/) < at(p, /ALTER COLUMN "c" SET DEFAULT public\.code\(\)/));
      assert.ok(!p.steps.some((s) => s.hazards.some((h) => h.type === 'deletes_data')), renderPlan(p));
      await withClient(fromUrl, (c) => applyPlan(c, p));
      await server.query(fromUrl, 'insert into t default values');
      assert.deepEqual((await server.query(fromUrl, 'select array_agg(c order by c) v from t')).rows[0].v, [2, 5]);
    });

    test('a domain whose base type changes is rebuilt around the rows that use it', async () => {
      const { plan: p, fromUrl } = await plan(
        "create domain code as varchar(4); create table t (c code); insert into t values ('ab');",
        'create domain code as text; create table t (c code);',
      );
      assert.ok(at(p, /^ALTER DOMAIN "public"\."code" RENAME TO "code__dbalign_old"/) < at(p, /^CREATE DOMAIN "public"\."code" AS text/));
      assert.ok(at(p, /ALTER COLUMN "c" TYPE "public"\."code" USING "c"::text::"public"\."code"/) < at(p, /^DROP DOMAIN "public"\."code__dbalign_old"/));
      await withClient(fromUrl, (c) => applyPlan(c, p));
      assert.equal((await server.query(fromUrl, 'select c from t')).rows[0].c, 'ab');
    });

    test('a sequence OWNED BY a new table is tied to it after both exist', async () => {
      const { plan: p } = await plan('', 'create table t (id serial);');
      assert.ok(at(p, /^CREATE SEQUENCE "public"\."t_id_seq"/) < at(p, /^CREATE TABLE "public"\."t"/));
      assert.ok(at(p, /^CREATE TABLE "public"\."t"/) < at(p, /OWNED BY "public"\."t"\."id"/));
    });
  });
}
