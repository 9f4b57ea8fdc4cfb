/** Casts: which ones are in scope, which are left out, and what relies on them. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Cast } from '../src/catalog/types.js';
import { MAJORS, startTestServer, type TestServer } from './helpers/pg.js';
import { planBetween, snapshotOf } from './helpers/schema.js';

for (const major of MAJORS) {
  describe(`casts on PostgreSQL ${major}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(major);
    });
    after(async () => {
      await server?.stop();
    });

    test('in scope by source, target or function; those of extensions and of a type itself left out', async () => {
      const db = await server.createDatabase('casts');
      await server.query(
        db,
        `create extension citext;
         create schema other; create schema app;
         create type other.pair as (a int);
         create function app.pair_a(other.pair) returns int language sql immutable as 'select ($1).a';
         create cast (other.pair as int) with function app.pair_a(other.pair);
         create type other.duo as (a int);
         create cast (other.duo as text) with inout;
         create type app.span as range (subtype = int);`,
      );
      const s = await snapshotOf(db, { profile: 'plain', excludeSchemas: ['other'] });
      const casts = Object.values(s.objects).filter((o): o is Cast => o.kind === 'cast');
      // The cast by function is in scope through app; other.duo's is not; citext's and the range's are not user casts.
      assert.deepEqual(casts.map((c) => c.key), ['cast (other.pair AS integer)']);
      assert.equal(casts[0]!.function, 'app.pair_a(other.pair)');
      assert.ok(casts[0]!.deps.includes('function "app"."pair_a"(other.pair)'), casts[0]!.deps.join(', '));
      assert.ok(!s.warnings.some((w) => /cast/.test(w)), s.warnings.join('\n'));
    });

    test('a view that casts depends on the cast, though PostgreSQL records only its function', async () => {
      const db = await server.createDatabase('casts');
      await server.query(
        db,
        `create type pair as (a int, b int);
         create function pair_sum(pair) returns int language sql immutable as 'select ($1).a + ($1).b';
         create cast (pair as int) with function pair_sum(pair);
         create table t (p pair);
         create view v as select p::int as total from t;`,
      );
      const s = await snapshotOf(db, { profile: 'plain' });
      assert.ok(s.objects['view "public"."v"']!.deps.includes('cast (public.pair AS integer)'));
    });

    test('a cast whose context changes is created again around the view that relies on it', async () => {
      const a = await server.createDatabase('casts');
      const b = await server.createDatabase('casts');
      const common = `create type pair as (a int, b int);
        create function pair_sum(pair) returns int language sql immutable as 'select ($1).a + ($1).b';
        create table t (p pair);`;
      await server.query(a, `${common} create cast (pair as int) with function pair_sum(pair); create view v as select p::int as total from t;`);
      await server.query(b, `${common} create cast (pair as int) with function pair_sum(pair) as implicit; create view v as select p::int as total from t;`);
      const { plan } = await planBetween(a, b, { profile: 'plain' });
      const sql = plan.steps.map((st) => st.sql);
      const at = (re: RegExp) => sql.findIndex((x) => re.test(x));
      const order = [at(/^DROP VIEW/), at(/^DROP CAST/), at(/^CREATE CAST .* AS IMPLICIT;$/), at(/^CREATE VIEW/)];
      assert.ok(order.every((i) => i >= 0), sql.join('\n'));
      assert.deepEqual([...order].sort((x, y) => x - y), order);
    });
  });
}
