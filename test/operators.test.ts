/** Operators, operator families and classes: what the reader keeps, leaves out, and how members split. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Operator, OperatorClass, OperatorFamily } from '../src/catalog/types.js';
import { MAJORS, startTestServer, type TestServer } from './helpers/pg.js';
import { planBetween, snapshotOf } from './helpers/schema.js';

for (const major of MAJORS) {
  describe(`operators on PostgreSQL ${major}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(major);
    });
    after(async () => {
      await server?.stop();
    });

    test('a shell left by a commutator is not an object; the link that goes one way is recorded', async () => {
      const db = await server.createDatabase('ops');
      await server.query(
        db,
        `create function lt(int, int) returns boolean language sql immutable as 'select $1 < $2';
         create function gt(int, int) returns boolean language sql immutable as 'select $1 > $2';
         create operator <<< (leftarg = int, rightarg = int, function = lt, commutator = >>>);
         create operator <<| (leftarg = int, rightarg = int, function = lt, commutator = |>>);`,
      );
      // |>> stays a shell; >>> is filled after <<< named it, so it does not name <<< back.
      await server.query(db, `create operator >>> (leftarg = int, rightarg = int, function = gt);`);
      const s = await snapshotOf(db, { profile: 'plain' });
      const ops = Object.values(s.objects).filter((o): o is Operator => o.kind === 'operator');
      assert.deepEqual(ops.map((o) => o.key).sort(), [
        'operator "public".<<<(integer, integer)',
        'operator "public".<<|(integer, integer)',
        'operator "public".>>>(integer, integer)',
      ]);
      const more = s.objects['operator "public".>>>(integer, integer)'] as Operator;
      assert.equal(more.commutator, null);
      assert.deepEqual(more.namedBy, ['operator "public".<<<(integer, integer)']);
      assert.ok(more.deps.includes('operator "public".<<<(integer, integer)'), 'created after the operator that names it');
      assert.equal((s.objects['operator "public".<<|(integer, integer)'] as Operator).commutator, '"public".|>>');
      assert.deepEqual(s.warnings, []);
    });

    test('members of a class and loose members of its family are told apart; an index depends on its class', async () => {
      const db = await server.createDatabase('ops');
      await server.query(
        db,
        `create operator family fam using btree;
         create operator class int_ops for type int using btree family fam as
           operator 1 <, operator 2 <=, operator 3 =, operator 4 >=, operator 5 >, function 1 btint4cmp(int, int);
         alter operator family fam using btree add operator 1 < (int, int8), function 1 btint48cmp(int, int8);
         create table t (a int); create index t_a on t (a int_ops);`,
      );
      const s = await snapshotOf(db, { profile: 'plain' });
      const fam = s.objects['operator_family "public"."fam" using "btree"'] as OperatorFamily;
      const cls = s.objects['operator_class "public"."int_ops" using "btree"'] as OperatorClass;
      assert.deepEqual(fam.operators, [{ strategy: 1, operator: '"pg_catalog".<', left: 'integer', right: 'bigint', orderFamily: null }]);
      assert.deepEqual(fam.functions.map((f) => f.function), ['btint48cmp(integer,bigint)']);
      assert.deepEqual(cls.operators.map((m) => m.strategy), [1, 2, 3, 4, 5]);
      assert.deepEqual(cls.functions, [{ number: 1, left: 'integer', right: 'integer', function: 'btint4cmp(integer,integer)' }]);
      assert.equal(cls.family, '"public"."fam"');
      assert.ok(cls.deps.includes(fam.key));
      assert.ok(s.objects['index "public"."t_a"']!.deps.includes(cls.key));
    });

    test('a class whose members change is created again between its index being dropped and created', async () => {
      const a = await server.createDatabase('ops');
      const b = await server.createDatabase('ops');
      const common = `create function rev(int, int) returns int language sql immutable as 'select btint4cmp($2, $1)';
        create table t (a int);`;
      await server.query(a, `${common} create operator class c for type int using btree as operator 1 <, operator 3 =, operator 5 >, function 1 btint4cmp(int, int);
        create index t_a on t (a c);`);
      await server.query(b, `${common} create operator class c for type int using btree as operator 1 >, operator 3 =, operator 5 <, function 1 rev(int, int);
        create index t_a on t (a c);`);
      const { plan } = await planBetween(a, b, { profile: 'plain' });
      const at = (re: RegExp) => plan.steps.findIndex((st) => re.test(st.sql));
      const order = [at(/^DROP INDEX/), at(/^DROP OPERATOR CLASS/), at(/^CREATE OPERATOR CLASS/), at(/^CREATE INDEX/)];
      assert.ok(order.every((i) => i >= 0), plan.steps.map((st) => st.sql).join('\n'));
      assert.deepEqual([...order].sort((x, y) => x - y), order);
      assert.ok(plan.steps[order[0]!]!.hazards.some((h) => h.type === 'access_exclusive_lock'));
    });
  });
}
