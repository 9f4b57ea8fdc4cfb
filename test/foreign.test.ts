/**
 * Foreign-data wrappers, servers, user mappings, foreign tables and subscriptions against real
 * servers: dependency order both ways, secrets kept out of snapshots, plans, JSON and the CLI's
 * output, what a role that is not a superuser can read, and Supabase Wrappers' own statements.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applyPlan } from '../src/plan/apply.js';
import { MAJORS, runCli, startTestServer, type TestServer } from './helpers/pg.js';
import { CASE_SETUP, planBetween, snapshotOf, withClient } from './helpers/schema.js';
import { shadowOf } from './helpers/shadow.js';

const plain = { profile: 'plain' as const };

const FULL = `
create foreign data wrapper w options (debug 'true');
create server s type 'pg' version '15' foreign data wrapper w options (host 'db.example', password 'Srv-Pa55');
create user mapping for dbalign_r1 server s options (user 'remote', password 'Map-Pa55');
create user mapping for public server s;
create foreign table ft (id int options (column_name 'ID') not null, name text default 'x') server s options (table_name 'items');
create view v as select id, name from ft;
grant usage on foreign server s to dbalign_r1;
comment on foreign table ft is 'remote items';
create subscription sub connection 'host=192.0.2.1 dbname=app user=rep password=Sub-Pa55' publication p1 with (connect = false);
`;
const SECRETS = ['Srv-Pa55', 'Map-Pa55', 'Sub-Pa55'];

/** Keys of the plan's steps in order, first step of each. */
function order(steps: Array<{ key: string }>): string[] {
  return [...new Set(steps.map((s) => s.key))];
}

for (const major of MAJORS) {
  describe(`foreign objects and subscriptions on PostgreSQL ${major}`, { concurrency: true }, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(major);
      await server.query(server.server.url('postgres'), CASE_SETUP);
    });
    after(async () => server?.stop());

    async function pair(a: string, b: string): Promise<[string, string]> {
      const x = await server.createDatabase('f');
      const y = await server.createDatabase('f');
      if (a) await server.query(x, a);
      if (b) await server.query(y, b);
      return [x, y];
    }

    test('a wrapper before its server, a server before its mappings and foreign tables; dropped the other way', async () => {
      const [empty, full] = await pair('', FULL);
      const up = await planBetween(empty, full, plain);
      const keys = order(up.plan.steps);
      const at = (k: string) => keys.indexOf(k);
      for (const k of ['foreign_data_wrapper "w"', 'server "s"', 'user_mapping "dbalign_r1" server "s"', 'user_mapping PUBLIC server "s"', 'table "public"."ft"', 'view "public"."v"', 'subscription "sub"'])
        assert.ok(at(k) >= 0, `${k} is created\n${up.sql}`);
      assert.ok(at('foreign_data_wrapper "w"') < at('server "s"'));
      assert.ok(at('server "s"') < at('user_mapping "dbalign_r1" server "s"'));
      assert.ok(at('server "s"') < at('user_mapping PUBLIC server "s"'));
      assert.ok(at('server "s"') < at('table "public"."ft"'));
      assert.ok(at('table "public"."ft"') < at('view "public"."v"'));
      await withClient(empty, (c) => applyPlan(c, up.plan));
      assert.deepEqual((await planBetween(empty, full, plain)).plan.steps, [], 'second diff empty');

      const [full2, empty2] = await pair(FULL, '');
      const down = await planBetween(full2, empty2, plain);
      const dk = order(down.plan.steps);
      const dat = (k: string) => dk.indexOf(k);
      assert.ok(dat('view "public"."v"') < dat('table "public"."ft"'));
      assert.ok(dat('table "public"."ft"') < dat('server "s"'));
      assert.ok(dat('user_mapping "dbalign_r1" server "s"') < dat('server "s"'));
      assert.ok(dat('server "s"') < dat('foreign_data_wrapper "w"'));
      assert.doesNotMatch(down.sql, /deletes data/, 'a foreign table holds no rows here');
      await withClient(full2, (c) => applyPlan(c, down.plan));
      assert.deepEqual((await planBetween(full2, empty2, plain)).plan.steps, []);
    });

    test('a server whose wrapper changes is made again with its mappings and foreign tables', async () => {
      const base = `create foreign data wrapper w1; create foreign data wrapper w2;`;
      const [a, b] = await pair(
        `${base} create server s foreign data wrapper w1; create user mapping for public server s; create foreign table ft (id int) server s;`,
        `${base} create server s foreign data wrapper w2; create user mapping for public server s; create foreign table ft (id int) server s;`,
      );
      const p = await planBetween(a, b, plain);
      assert.match(p.sql, /DROP FOREIGN TABLE "public"\."ft";[\s\S]*DROP SERVER "s";[\s\S]*CREATE SERVER "s" FOREIGN DATA WRAPPER "w2";[\s\S]*CREATE FOREIGN TABLE "public"\."ft"/);
      await withClient(a, (c) => applyPlan(c, p.plan));
      assert.deepEqual((await planBetween(a, b, plain)).plan.steps, []);
    });

    test('secrets are in no snapshot, plan or JSON: placeholders, each with a hazard', async () => {
      const [empty, full] = await pair('', FULL);
      const snap = await snapshotOf(full, plain);
      const json = JSON.stringify(snap);
      for (const secret of SECRETS) assert.ok(!json.includes(secret), `${secret} in the snapshot`);
      assert.match(json, /password=__DBALIGN_SECRET__/);
      const p = await planBetween(empty, full, plain);
      const everything = p.sql + JSON.stringify(p.plan);
      for (const secret of SECRETS) assert.ok(!everything.includes(secret), `${secret} in the plan`);
      const secretSteps = p.plan.steps.filter((s) => s.hazards.some((h) => h.type === 'secret_placeholder')).map((s) => s.key);
      assert.deepEqual(secretSteps.sort(), ['server "s"', 'subscription "sub"', 'user_mapping "dbalign_r1" server "s"']);
      const sub = p.plan.steps.find((s) => s.key === 'subscription "sub"')!;
      assert.match(sub.sql, /WITH \(connect = false, slot_name = 'sub'\)/);
      assert.ok(sub.hazards.some((h) => h.type === 'manual_follow_up' && /ENABLE/.test(h.detail)));
    });

    test('the CLI never prints a secret: diff (SQL and JSON), snapshot file, logs', async () => {
      const [empty, full] = await pair('', FULL);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-fdw-'));
      try {
        const out = path.join(dir, 'snap.json');
        const runs = [
          await runCli(['diff', '--from', empty, '--to', full]),
          await runCli(['diff', '--from', empty, '--to', full, '--json']),
          await runCli(['snapshot', '--db', full, '--out', out]),
        ];
        const file = await fs.readFile(out, 'utf8');
        assert.match(runs[0]!.stdout, /__DBALIGN_SECRET__/);
        for (const r of runs) for (const secret of SECRETS) assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `${secret} printed`);
        for (const secret of SECRETS) assert.ok(!file.includes(secret), `${secret} in the snapshot file`);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });

    test('a role that is not a superuser: mappings it may not read and connection strings are left uncompared, and said so', async () => {
      const db = await server.createDatabase('f');
      await server.query(db, `${FULL}
        do $$ begin create role dbalign_reader login password 'reader-pw'; exception when duplicate_object then null; end $$;`);
      const url = new URL(db);
      url.username = 'dbalign_reader';
      url.password = 'reader-pw';
      const snap = await snapshotOf(url.toString(), plain);
      const m = snap.objects['user_mapping "dbalign_r1" server "s"'];
      assert.equal(m?.kind === 'user_mapping' ? m.options : 'missing', null);
      const sub = snap.objects['subscription "sub"'];
      assert.equal(sub?.kind === 'subscription' ? sub.connection : 'missing', null);
      assert.ok(snap.warnings.some((w) => /user mapping\(s\) are hidden from this role/.test(w)), snap.warnings.join('\n'));
      assert.ok(snap.warnings.some((w) => /connection strings of 1 subscription\(s\) are readable by superusers only/.test(w)), snap.warnings.join('\n'));
    });

    test('Supabase Wrappers, as its documentation writes them: stripe and clickhouse servers with keys, foreign tables in a schema', async () => {
      // Statements from the Wrappers catalog pages (stripe.md, clickhouse.md), without Vault.
      const migration = `create schema if not exists extensions;
create extension if not exists wrappers with schema extensions;
create foreign data wrapper stripe_wrapper handler extensions.stripe_fdw_handler validator extensions.stripe_fdw_validator;
create server stripe_server foreign data wrapper stripe_wrapper options (api_key 'sk_test_Wr4ppers-key', api_url 'https://api.stripe.com/v1/');
create foreign data wrapper clickhouse_wrapper handler extensions.click_house_fdw_handler validator extensions.click_house_fdw_validator;
create server clickhouse_server foreign data wrapper clickhouse_wrapper options (conn_string 'tcp://default:Cl1ck-pw@localhost:9000/default');
create schema stripe;
create foreign table stripe.customers (id text, email text, name text, description text, created timestamp, attrs jsonb)
  server stripe_server options (object 'customers', rowid_column 'id');
create schema clickhouse;
create foreign table clickhouse.people (id bigint, name text) server clickhouse_server options (table 'people');
`;
      const shadow = await shadowOf(server, { '20240101000000_wrappers.sql': migration });
      try {
        const target = await server.createDatabase('f');
        const p = await planBetween(target, shadow.url, plain);
        for (const secret of ['sk_test_Wr4ppers-key', 'Cl1ck-pw']) assert.ok(!p.sql.includes(secret));
        assert.match(p.sql, /CREATE SERVER "stripe_server" FOREIGN DATA WRAPPER "stripe_wrapper" OPTIONS \("api_key" '__DBALIGN_SECRET__', "api_url" 'https:\/\/api.stripe.com\/v1\/'\);/);
        assert.match(p.sql, /"conn_string" 'tcp:\/\/default:__DBALIGN_SECRET__@localhost:9000\/default'/);
        assert.match(p.sql, /CREATE FOREIGN TABLE "stripe"\."customers"/);
        await withClient(target, (c) => applyPlan(c, p.plan));
        assert.deepEqual((await planBetween(target, shadow.url, plain)).plan.steps, [], 'second diff empty');
        const back = await planBetween(shadow.url, await server.createDatabase('f'), plain);
        assert.match(back.sql, /DROP FOREIGN TABLE "stripe"\."customers";[\s\S]*DROP SERVER "stripe_server";[\s\S]*DROP FOREIGN DATA WRAPPER "stripe_wrapper";/);
      } finally {
        await shadow.dispose();
      }
    });
  });
}
