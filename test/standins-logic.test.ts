/**
 * The stand-ins for Supabase's logic extensions (supabase_vault, pgjwt,
 * pgsodium, pgmq, pg_hashids, pg_jsonschema, pg_tle, plpgsql_check, hypopg,
 * index_advisor) on the embedded servers: CREATE EXTENSION the ways real
 * migrations write it, the results real projects rely on (checked against
 * published vectors and against pgcrypto), and errors that name the stand-in
 * for what a stand-in cannot honour.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { readSnapshot } from '../src/catalog/index.js';
import { compareSnapshots, scopeFor } from '../src/procedure/schema.js';
import { MAJORS, query, startTestServer, type TestServer } from './helpers/pg.js';
import { shadowOf } from './helpers/shadow.js';

/** Runs statements in order on one connection; returns the last result's rows. */
async function run(url: string, ...statements: string[]): Promise<any[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    let rows: any[] = [];
    for (const s of statements) rows = (await c.query(s)).rows;
    return rows;
  } finally {
    await c.end();
  }
}

/** Asserts that `sql` fails with an error naming the stand-in `name`. */
async function raisesNaming(url: string, sql: string, name: string): Promise<void> {
  await assert.rejects(query(url, sql), (err: Error) => {
    assert.match(err.message, new RegExp(`${name} \\(dbalign stand-in\\)`));
    return true;
  });
}

const SUPABASE_EXTENSIONS = 'create schema if not exists extensions; create extension if not exists pgcrypto with schema extensions;';

async function snapshotOf(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await readSnapshot(c, scopeFor('plain'));
  } finally {
    await c.end();
  }
}

for (const major of MAJORS) {
  describe(`logic stand-ins on PostgreSQL ${major}`, { concurrency: true }, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    test('supabase_vault: create_secret, then decrypted_secrets gives the plaintext; the table holds none', async () => {
      const db = await srv.createDatabase('vault');
      await run(db, SUPABASE_EXTENSIONS, 'create extension if not exists supabase_vault', 'create extension if not exists supabase_vault with schema vault');
      const [{ id }] = await run(db, `select vault.create_secret('sk_live_123456', 'stripe_key', 'Stripe secret key') as id`);
      const [row] = await run(db, `select name, description, secret, decrypted_secret, key_id, nonce is not null as has_nonce from vault.decrypted_secrets where id = '${id}'`);
      assert.equal(row.name, 'stripe_key');
      assert.equal(row.description, 'Stripe secret key');
      assert.equal(row.decrypted_secret, 'sk_live_123456');
      assert.equal(row.has_nonce, true);
      assert.ok(!row.secret.includes('sk_live'), 'the secret column is encrypted');
      assert.notEqual(Buffer.from(row.secret, 'base64').toString('utf8'), 'sk_live_123456');
      // Defaults of the real signature: no name, empty description.
      const [{ anon }] = await run(db, `select vault.create_secret('s2') as anon`);
      assert.deepEqual(await run(db, `select name, description, decrypted_secret from vault.decrypted_secrets where id = '${anon}'`), [
        { name: null, description: '', decrypted_secret: 's2' },
      ]);
      await run(db, `select vault.update_secret('${id}', 'sk_live_rotated', new_description => 'rotated')`);
      assert.deepEqual(await run(db, `select name, description, decrypted_secret from vault.decrypted_secrets where id = '${id}'`), [
        { name: 'stripe_key', description: 'rotated', decrypted_secret: 'sk_live_rotated' },
      ]);
      // Secret names are unique, as on Supabase.
      await assert.rejects(query(db, `select vault.create_secret('x', 'stripe_key')`), /duplicate key value/);
      // A ciphertext changed on disk does not decrypt.
      await run(db, `update vault.secrets set secret = encode(decode(secret, 'base64') || '\\x00'::bytea, 'base64') where id = '${id}'`);
      await assert.rejects(query(db, `select decrypted_secret from vault.decrypted_secrets where id = '${id}'`), /invalid ciphertext/);
      // The real catalog: columns of vault.secrets and the signatures.
      assert.deepEqual(
        (await run(db, `select string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' order by attnum) as cols from pg_attribute where attrelid = 'vault.secrets'::regclass and attnum > 0`))[0].cols,
        'id uuid, name text, description text, secret text, key_id uuid, nonce bytea, created_at timestamp with time zone, updated_at timestamp with time zone',
      );
      assert.deepEqual(
        (await run(db, `select pg_get_function_arguments('vault.update_secret'::regproc) as a`))[0].a,
        'secret_id uuid, new_secret text DEFAULT NULL::text, new_name text DEFAULT NULL::text, new_description text DEFAULT NULL::text, new_key_id uuid DEFAULT NULL::uuid',
      );
    });

    test('supabase_vault without pgcrypto refuses to store a secret, naming the stand-in', async () => {
      const db = await srv.createDatabase('vaultplain');
      // Like the real one, it lives in schema vault only.
      await assert.rejects(query(db, 'create extension supabase_vault with schema public'), /must be installed in schema "vault"/);
      await run(db, 'create extension supabase_vault');
      await raisesNaming(db, `select vault.create_secret('x')`, 'supabase_vault');
      assert.deepEqual(await run(db, 'select count(*)::int as n from vault.secrets'), [{ n: 0 }]);
    });

    test('pgjwt: sign and verify give the published HS256 vector; HS384/HS512 match pgcrypto; expiry counts', async () => {
      const db = await srv.createDatabase('jwt');
      await run(db, SUPABASE_EXTENSIONS, 'create extension if not exists pgjwt with schema extensions');
      // The example token of RFC 7519 tooling (jwt.io): header {"alg":"HS256","typ":"JWT"}, secret your-256-bit-secret.
      const token =
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
      assert.deepEqual(await run(db, `select extensions.sign('{"sub":"1234567890","name":"John Doe","iat":1516239022}'::json, 'your-256-bit-secret') as t`), [{ t: token }]);
      assert.deepEqual(await run(db, `select header, payload, valid from extensions.verify('${token}', 'your-256-bit-secret')`), [
        { header: { alg: 'HS256', typ: 'JWT' }, payload: { sub: '1234567890', name: 'John Doe', iat: 1516239022 }, valid: true },
      ]);
      assert.deepEqual(await run(db, `select valid from extensions.verify('${token}', 'wrong-secret')`), [{ valid: false }]);
      for (const [alg, hash] of [['HS384', 'sha384'], ['HS512', 'sha512']]) {
        const [r] = await run(
          db,
          `select split_part(t, '.', 3) = translate(encode(extensions.hmac(split_part(t, '.', 1) || '.' || split_part(t, '.', 2), 'k', '${hash}'), 'base64'), E'+/=\\n', '-_') as ok,
                  (select valid from extensions.verify(t, 'k', '${alg}')) as valid
           from (select extensions.sign('{"a":1}'::json, 'k', '${alg}') as t) s`,
        );
        assert.deepEqual(r, { ok: true, valid: true }, alg);
      }
      assert.deepEqual(
        await run(db, `select (select valid from extensions.verify(extensions.sign(json_build_object('exp', extract(epoch from now()) - 10), 's'), 's')) as expired,
                              (select valid from extensions.verify(extensions.sign(json_build_object('exp', extract(epoch from now()) + 3600), 's'), 's')) as live,
                              extensions.try_cast_double('x') as bad, extensions.url_decode(extensions.url_encode('\\xfbff01'::bytea)) = '\\xfbff01'::bytea as roundtrip`),
        [{ expired: false, live: true, bad: null, roundtrip: true }],
      );
      await assert.rejects(query(db, `select extensions.sign('{}'::json, 's', 'RS256')`), /Cannot use ""|invalid|unsupported/i);
    });

    test('pgmq 1.5.1: a working queue in SQL (create, send, read, archive, delete, pop, metrics, drop)', async () => {
      const db = await srv.createDatabase('pgmq');
      await run(db, 'create extension if not exists pgmq');
      await run(db, `select pgmq.create('Jobs')`, `select pgmq.create_unlogged('fast')`);
      assert.deepEqual(await run(db, `select * from pgmq.send('Jobs', '{"n":1}')`), [{ send: '1' }]);
      assert.deepEqual(await run(db, `select * from pgmq.send_batch('Jobs', array['{"n":2}', '{"n":3}']::jsonb[])`), [{ send_batch: '2' }, { send_batch: '3' }]);
      await run(db, `select * from pgmq.send('Jobs', '{"n":4}', 3600)`);
      const read = await run(db, `select msg_id::int, read_ct, message from pgmq.read('Jobs', 30, 2)`);
      assert.deepEqual(read, [
        { msg_id: 1, read_ct: 1, message: { n: 1 } },
        { msg_id: 2, read_ct: 1, message: { n: 2 } },
      ]);
      // Read messages are invisible until their timeout; the delayed one too.
      assert.deepEqual(await run(db, `select msg_id::int from pgmq.read('Jobs', 30, 10)`), [{ msg_id: 3 }]);
      assert.deepEqual(await run(db, `select pgmq.archive('Jobs', 1::bigint) as a, pgmq.delete('Jobs', 2::bigint) as d, pgmq.delete('Jobs', 99::bigint) as missing`), [
        { a: true, d: true, missing: false },
      ]);
      assert.deepEqual(await run(db, 'select msg_id::int, read_ct, message from pgmq.a_jobs'), [{ msg_id: 1, read_ct: 1, message: { n: 1 } }]);
      assert.deepEqual(await run(db, `select msg_id::int from pgmq.pop('fast')`), []);
      await run(db, `select pgmq.send('fast', '{"x":true}')`);
      assert.deepEqual(await run(db, `select msg_id::int, message from pgmq.pop('fast')`), [{ msg_id: 1, message: { x: true } }]);
      assert.deepEqual(await run(db, `select queue_name, queue_length::int, total_messages::int from pgmq.metrics('Jobs')`), [
        { queue_name: 'Jobs', queue_length: 2, total_messages: 4 },
      ]);
      assert.deepEqual(await run(db, 'select queue_name, is_partitioned, is_unlogged from pgmq.list_queues() order by 1'), [
        { queue_name: 'Jobs', is_partitioned: false, is_unlogged: false },
        { queue_name: 'fast', is_partitioned: false, is_unlogged: true },
      ]);
      // The queue tables belong to the extension, as the real pgmq makes them.
      assert.deepEqual(
        await run(db, `select c.relname from pg_depend d join pg_class c on c.oid = d.objid where d.refobjid = (select oid from pg_extension where extname = 'pgmq') and d.deptype = 'e' and c.relname like '%jobs%' order by 1`),
        [{ relname: 'a_jobs' }, { relname: 'q_jobs' }, { relname: 'q_jobs_msg_id_seq' }],
      );
      assert.deepEqual(await run(db, `select pgmq.purge_queue('Jobs')::int as n`), [{ n: 2 }]);
      assert.deepEqual(await run(db, `select pgmq.drop_queue('Jobs') as dropped`), [{ dropped: true }]);
      assert.deepEqual(await run(db, `select to_regclass('pgmq.q_jobs') is null as gone, (select count(*)::int from pgmq.meta) as queues`), [{ gone: true, queues: 1 }]);
      await assert.rejects(query(db, `select pgmq.create_partitioned('p')`), /pg_partman is required for partitioned queues/);
      await assert.rejects(query(db, `select pgmq.create('bad;name')`), /invalid characters/);
    });

    test('pgmq 1.5.1: headers travel with a message through send, read, set_vt, archive and pop; read filters by conditional', async () => {
      const db = await srv.createDatabase('pgmq_headers');
      await run(db, 'create extension pgmq', `select pgmq.create('tasks')`);
      assert.deepEqual(await run(db, `select extversion from pg_extension where extname = 'pgmq'`), [{ extversion: '1.5.1' }]);
      await run(
        db,
        `select pgmq.send('tasks', '{"kind":"a"}', '{"trace":"t1"}'::jsonb)`,
        `select pgmq.send('tasks', '{"kind":"b"}', '{"trace":"t2"}', 0)`,
        `select pgmq.send('tasks', '{"kind":"a"}')`,
        `select pgmq.send('tasks', '{"kind":"later"}', now() + interval '1 hour')`,
        `select pgmq.send_batch('tasks', array['{"kind":"c"}', '{"kind":"d"}']::jsonb[], array['{"h":1}', '{"h":2}']::jsonb[])`,
      );
      assert.deepEqual(await run(db, `select msg_id::int, read_ct, message, headers from pgmq.read('tasks', 30, 10, '{"kind":"a"}')`), [
        { msg_id: 1, read_ct: 1, message: { kind: 'a' }, headers: { trace: 't1' } },
        { msg_id: 3, read_ct: 1, message: { kind: 'a' }, headers: null },
      ]);
      assert.deepEqual(await run(db, `select msg_id::int, message, headers from pgmq.read('tasks', 30, 10)`), [
        { msg_id: 2, message: { kind: 'b' }, headers: { trace: 't2' } },
        { msg_id: 5, message: { kind: 'c' }, headers: { h: 1 } },
        { msg_id: 6, message: { kind: 'd' }, headers: { h: 2 } },
      ]);
      assert.deepEqual(await run(db, `select msg_id::int, headers from pgmq.set_vt('tasks', 1, 0)`), [{ msg_id: 1, headers: { trace: 't1' } }]);
      assert.deepEqual(await run(db, `select pgmq.archive('tasks', 1::bigint) as one`, `select * from pgmq.archive('tasks', array[2, 5]::bigint[]) order by 1`), [
        { archive: '2' },
        { archive: '5' },
      ]);
      assert.deepEqual(await run(db, 'select msg_id::int, message, headers from pgmq.a_tasks order by 1'), [
        { msg_id: 1, message: { kind: 'a' }, headers: { trace: 't1' } },
        { msg_id: 2, message: { kind: 'b' }, headers: { trace: 't2' } },
        { msg_id: 5, message: { kind: 'c' }, headers: { h: 1 } },
      ]);
      await run(db, `select pgmq.set_vt('tasks', 6, 0)`);
      assert.deepEqual(await run(db, `select msg_id::int, headers from pgmq.pop('tasks')`), [{ msg_id: 6, headers: { h: 2 } }]);
      assert.deepEqual(await run(db, `select queue_length::int, queue_visible_length::int, total_messages::int from pgmq.metrics('tasks')`), [
        { queue_length: 2, queue_visible_length: 0, total_messages: 6 },
      ]);
      // The message_record pgflow checks for, and drop_queue(name) of 1.5.
      assert.deepEqual(await run(db, `select string_agg(attname, ',' order by attnum) as cols from pg_attribute where attrelid = 'pgmq.message_record'::regclass and attnum > 0`), [
        { cols: 'msg_id,read_ct,enqueued_at,vt,message,headers' },
      ]);
      assert.deepEqual(await run(db, `select pgmq.drop_queue('tasks') as dropped, to_regclass('pgmq.q_tasks') is null as gone`), [{ dropped: true, gone: true }]);
    });

    test('pgmq: a project pinning 1.4.4 gets 1.4.4, and ALTER EXTENSION UPDATE makes it the 1.5.1 a fresh install makes, queues and messages kept', async () => {
      const [old, fresh] = await Promise.all([srv.createDatabase('pgmq_old'), srv.createDatabase('pgmq_new')]);
      await run(old, 'create schema if not exists "pgmq"', `create extension if not exists "pgmq" with schema "pgmq" version '1.4.4'`, `select pgmq.create('jobs')`, `select pgmq.send('jobs', '{"n":1}')`);
      assert.deepEqual(await run(old, `select string_agg(attname, ',' order by attnum) as cols from pg_attribute where attrelid = 'pgmq.message_record'::regclass and attnum > 0`), [
        { cols: 'msg_id,read_ct,enqueued_at,vt,message' },
      ]);
      await run(old, `alter extension pgmq update to '1.5.1'`);
      await run(fresh, 'create extension pgmq', `select pgmq.create('jobs')`);
      // The same members with the same signatures, defaults and results, and the same queue tables.
      const shape = `
        select 'function' as kind, p.oid::regprocedure::text || ' ' || pg_get_function_arguments(p.oid) || ' -> ' || pg_get_function_result(p.oid) as member
        from pg_depend d join pg_proc p on d.classid = 'pg_proc'::regclass and p.oid = d.objid
        where d.refobjid = (select oid from pg_extension where extname = 'pgmq') and d.deptype = 'e'
        union all
        select 'relation', c.relname || ' ' || c.relkind::text || ' ' || coalesce((select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' order by a.attnum) from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '')
        from pg_depend d join pg_class c on d.classid = 'pg_class'::regclass and c.oid = d.objid
        where d.refobjid = (select oid from pg_extension where extname = 'pgmq') and d.deptype = 'e'
        union all
        select 'type', t.typname || ' ' || (select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' order by a.attnum) from pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped)
        from pg_type t where t.typnamespace = 'pgmq'::regnamespace and t.typname in ('message_record', 'queue_record', 'metrics_result')
        order by 1, 2`;
      const [upgraded, installed] = await Promise.all([run(old, shape), run(fresh, shape)]);
      assert.ok(installed.some((r) => r.member.startsWith('pgmq.send(text,jsonb,jsonb,timestamp with time zone)')));
      assert.ok(installed.some((r) => r.member.startsWith('q_jobs_msg_id_seq S ')));
      assert.deepEqual(upgraded, installed);
      assert.deepEqual(await run(old, `select pgmq.send('jobs', '{"n":2}', '{"h":true}'::jsonb)`, `select msg_id::int, message, headers from pgmq.read('jobs', 30, 5)`), [
        { msg_id: 1, message: { n: 1 }, headers: null },
        { msg_id: 2, message: { n: 2 }, headers: { h: true } },
      ]);
    });

    test(`timescaledb: ${major === 15 ? 'create_hypertable leaves the table as TimescaleDB does; time_bucket gives its buckets' : 'Supabase has none on 17, and the stand-in says so'}`, async () => {
      const db = await srv.createDatabase('timescaledb');
      if (major !== 15) {
        await run(db, 'create schema if not exists extensions');
        await raisesNaming(db, 'create extension if not exists timescaledb with schema extensions', 'timescaledb');
        return;
      }
      // As grida's migrations use it.
      await run(
        db,
        'create schema if not exists extensions',
        'create extension if not exists timescaledb with schema extensions',
        'set search_path = public, extensions',
        'create table public.token_event (id uuid not null default gen_random_uuid(), time timestamptz default now(), kind text, primary key (id, time))',
        `select create_hypertable('public.token_event', 'time', chunk_time_interval => interval '7 days')`,
      );
      assert.deepEqual(
        await run(db, `select indexname, indexdef from pg_indexes where tablename = 'token_event' order by 1`),
        [
          { indexname: 'token_event_pkey', indexdef: 'CREATE UNIQUE INDEX token_event_pkey ON public.token_event USING btree (id, "time")' },
          { indexname: 'token_event_time_idx', indexdef: 'CREATE INDEX token_event_time_idx ON public.token_event USING btree ("time" DESC)' },
        ],
      );
      assert.deepEqual(
        await run(db, `select tgname, pg_get_triggerdef(t.oid) as def, (select attnotnull from pg_attribute where attrelid = 'public.token_event'::regclass and attname = 'time') as not_null from pg_trigger t where tgrelid = 'public.token_event'::regclass and not tgisinternal`),
        [{ tgname: 'ts_insert_blocker', def: 'CREATE TRIGGER ts_insert_blocker BEFORE INSERT ON public.token_event FOR EACH ROW EXECUTE FUNCTION _timescaledb_functions.insert_blocker()', not_null: true }],
      );
      await run(db, `insert into public.token_event (time, kind) values ('2024-03-14 10:07:31+00', 'a'), ('2024-03-14 10:09:00+00', 'a'), ('2024-03-14 10:12:00+00', 'b')`);
      assert.deepEqual(
        await run(db, `set time zone 'UTC'`, `select extensions.time_bucket(interval '5 minutes', time)::text as bucket, count(*)::int as n from public.token_event group by 1 order by 1`),
        [{ bucket: '2024-03-14 10:05:00+00', n: 2 }, { bucket: '2024-03-14 10:10:00+00', n: 1 }],
      );
      // The same checks and messages as TimescaleDB's.
      await assert.rejects(query(db, `select extensions.create_hypertable('public.token_event', 'time')`), /table "token_event" is already a hypertable/);
      assert.deepEqual(await run(db, `select created from extensions.create_hypertable('public.token_event', 'time', if_not_exists => true)`), [{ created: false }]);
      await run(db, 'create table public.busy (t timestamptz not null)', `insert into public.busy values (now())`, 'create table public.keyed (id int primary key, t timestamptz)');
      await assert.rejects(query(db, `select extensions.create_hypertable('public.busy', 't')`), /table "busy" is not empty/);
      await assert.rejects(query(db, `select extensions.create_hypertable('public.keyed', 't')`), /cannot create a unique index without the column "t" \(used in partitioning\)/);
      await raisesNaming(db, `select extensions.create_hypertable('public.keyed', 't', 'id', 4)`, 'timescaledb');
      // time_bucket: weeks start on Monday 2000-01-03, months count from 2000-01-01, timestamptz in UTC, integers floor.
      assert.deepEqual(
        await run(db, `set time zone 'America/New_York'`, `select
          extensions.time_bucket(interval '1 week', date '2024-03-14')::text as week,
          extensions.time_bucket(interval '3 months', date '2024-05-20')::text as quarter,
          extensions.time_bucket(interval '1 month', timestamptz '2024-03-01 02:00:00+00')::text as month_utc,
          extensions.time_bucket(interval '1 day', timestamptz '2024-03-10 23:30:00-04')::text as day_utc,
          extensions.time_bucket(interval '1 day', timestamptz '2024-03-10 23:30:00-04', 'America/New_York')::text as day_local,
          extensions.time_bucket(interval '5 minutes', timestamp '2024-03-14 10:07:31', interval '-2.5 minutes')::text as shifted,
          extensions.time_bucket(interval '1 hour', timestamp '1999-12-31 23:59:59.999999')::text as before_origin,
          extensions.time_bucket(interval '1 day', timestamp '2024-03-14 10:00', timestamp '2024-03-14 06:00')::text as origin,
          extensions.time_bucket(10, -3) as int_floor, extensions.time_bucket(10::bigint, 17::bigint, 2::bigint) as int_offset,
          extensions.time_bucket(interval '2 days', date 'infinity')::text as inf`),
        [{
          week: '2024-03-11', quarter: '2024-04-01', month_utc: '2024-02-29 19:00:00-05', day_utc: '2024-03-10 20:00:00-04',
          day_local: '2024-03-10 00:00:00-05', shifted: '2024-03-14 10:07:30', before_origin: '1999-12-31 23:00:00',
          origin: '2024-03-14 06:00:00', int_floor: -10, int_offset: '12', inf: 'infinity',
        }],
      );
      await assert.rejects(query(db, `select extensions.time_bucket(interval '1 month 2 days', now())`), /month intervals cannot have day or time component/);
      await assert.rejects(query(db, `select extensions.time_bucket(interval '36 hours', current_date)`), /interval must be a multiple of a day/);
    });

    test('pg_hashids: the outputs of the real extension and of the published Hashids vectors', async () => {
      const db = await srv.createDatabase('hashids');
      await run(db, SUPABASE_EXTENSIONS, 'create extension if not exists pg_hashids with schema extensions');
      const [r] = await run(
        db,
        `set search_path = public, extensions`,
        // pg_hashids' own regression vectors
        `select id_encode(1001) as a, id_encode(1234567, 'This is my salt') as b, id_encode(1234567, 'This is my salt', 10) as c,
                id_encode(1234567, 'This is my salt', 10, 'abcdefghijABCDxFGHIJ1234567890') as d,
                id_decode('jNl') as e, id_decode('Pdzxp', 'This is my salt') as f, id_decode('PlRPdzxpR7', 'This is my salt', 10) as g,
                id_decode('3GJ956J9B9', 'This is my salt', 10, 'abcdefghijABCDxFGHIJ1234567890') as h,
                id_decode_once('jNl') as i, id_decode_once('PlRPdzxpR7', 'This is my salt', 10) as j,
                -- hashids.js README vectors
                id_encode(12345, 'this is my salt') as k, id_encode(array[683, 94108, 123, 5]::bigint[], 'this is my salt') as l,
                id_encode(1, 'this is my salt', 8) as m, id_encode(array[1, 2, 3]::bigint[], 'this is my salt') as n,
                id_decode('aBMswoO2UB3Sj', 'this is my salt') as o,
                id_decode(id_encode(array[1, 2, 3]::bigint[], 'this is my salt', 30), 'this is my salt', 30) as p,
                length(id_encode(array[1, 2, 3]::bigint[], 'this is my salt', 30)) as q,
                id_decode(id_encode(9223372036854775807)) as r, id_decode(id_encode(-1)) as s`,
      );
      assert.deepEqual(r, {
        a: 'jNl', b: 'Pdzxp', c: 'PlRPdzxpR7', d: '3GJ956J9B9',
        e: ['1001'], f: ['1234567'], g: ['1234567'], h: ['1234567'], i: '1001', j: '1234567',
        k: 'NkK9', l: 'aBMswoO2UB3Sj', m: 'gB0NV05e', n: 'laHquq', o: ['683', '94108', '123', '5'],
        p: ['1', '2', '3'], q: 30, r: ['9223372036854775807'], s: ['-1'],
      });
      // Relocatable like the real one: it works whatever the caller's search_path.
      assert.deepEqual(await run(db, `set search_path = ''`, `select extensions.id_encode(1001) as a, extensions.id_decode_once('jNl') as b`), [{ a: 'jNl', b: '1001' }]);
      await assert.rejects(query(db, `select extensions.id_encode(1, 'salt', 0, 'abc')`), /alphabet is too short/);
      await assert.rejects(query(db, `select extensions.id_decode('!ab')`), /invalid hash/);
      await raisesNaming(db, `select extensions.id_encode(1, 'sél')`, 'pg_hashids');
    });

    test('pg_jsonschema: jsonb_matches_schema in a CHECK constraint, the common keywords, and errors for the rest', async () => {
      const db = await srv.createDatabase('jsonschema');
      await run(
        db,
        SUPABASE_EXTENSIONS,
        'create extension if not exists pg_jsonschema with schema extensions',
        `create table public.products (
           id bigint generated always as identity primary key,
           attrs jsonb not null check (extensions.jsonb_matches_schema('{
             "type": "object",
             "properties": {
               "name": {"type": "string", "minLength": 1, "maxLength": 20},
               "price": {"type": "number", "minimum": 0, "exclusiveMaximum": 10000},
               "tags": {"type": "array", "items": {"type": "string", "pattern": "^[a-z-]+$"}, "uniqueItems": true, "maxItems": 3},
               "kind": {"enum": ["digital", "physical"]},
               "size": {"anyOf": [{"type": "null"}, {"type": "integer", "multipleOf": 2}]},
               "meta": {"$ref": "#/definitions/meta"}
             },
             "required": ["name", "price"],
             "additionalProperties": false,
             "definitions": {"meta": {"type": "object", "oneOf": [{"required": ["a"]}, {"required": ["b"]}]}}
           }', attrs))
         )`,
      );
      await run(db, `insert into public.products (attrs) values ('{"name":"Book","price":12.5,"tags":["paper"],"kind":"physical","size":4,"meta":{"a":1}}')`);
      for (const bad of [
        '{"price": 1}',
        '{"name": "", "price": 1}',
        '{"name": "x", "price": -1}',
        '{"name": "x", "price": 10000}',
        '{"name": "x", "price": 1, "tags": ["Bad"]}',
        '{"name": "x", "price": 1, "tags": ["a", "a"]}',
        '{"name": "x", "price": 1, "kind": "other"}',
        '{"name": "x", "price": 1, "size": 3}',
        '{"name": "x", "price": 1, "meta": {"a": 1, "b": 2}}',
        '{"name": "x", "price": 1, "extra": true}',
        '{"name": 5, "price": 1}',
      ]) {
        await assert.rejects(query(db, `insert into public.products (attrs) values ('${bad}')`), /violates check constraint/, bad);
      }
      assert.deepEqual(
        await run(db, `select extensions.jsonschema_validation_errors('{"type":"object","properties":{"a":{"type":"integer"}},"required":["b"],"additionalProperties":false}', '{"a":"x","c":1}') as e`),
        [{ e: ["Additional properties are not allowed ('c' was unexpected)", '"x" is not of type "integer"', '"b" is a required property'] }],
      );
      assert.deepEqual(await run(db, `select extensions.json_matches_schema('{"type":"array","items":[{"type":"string"},{"type":"number"}],"additionalItems":false}', '["a",1]') as ok`), [{ ok: true }]);
      // Messages as the real validator words them: compact JSON, keywords in name order.
      assert.deepEqual(
        await run(db, `select extensions.jsonschema_validation_errors('{"properties":{"a":{"anyOf":[{"type":"string"},{"type":"null"}]},"b":{"enum":[1,{"x":[1, 2]}]}},"additionalProperties":false}', '{"a":1,"b":2,"zz":{"k": 1}}') as e`),
        [{ e: ["Additional properties are not allowed ('zz' was unexpected)", "1 is not valid under any of the schemas listed in the 'anyOf' keyword", '2 is not one of [1,{"x":[1,2]}]'] }],
      );
      await assert.rejects(query(db, `select extensions.jsonb_matches_schema('{"type":"objekt"}', '{}')`), /Invalid schema/);
      assert.deepEqual(await run(db, `select extensions.jsonschema_is_valid('{"type":"object"}') as good, extensions.jsonschema_is_valid('{"type":"objekt"}') as bad`), [
        { good: true, bad: false },
      ]);
      await raisesNaming(db, `select extensions.jsonb_matches_schema('{"type":"string","format":"email"}', '"a@b.c"')`, 'pg_jsonschema');
      await raisesNaming(db, `select extensions.jsonb_matches_schema('{"unevaluatedProperties":false}', '{}')`, 'pg_jsonschema');
      assert.deepEqual(await run(db, `select extensions.jsonb_matches_schema('{"format":"date-time"}', '"2024-05-01T10:00:00Z"') as a, extensions.jsonb_matches_schema('{"format":"uuid"}', '"nope"') as b`), [
        { a: true, b: false },
      ]);
    });

    test('pgsodium: the real catalog; hashes, HMAC and keys computed; libsodium encryption raises naming the stand-in', async () => {
      const db = await srv.createDatabase('sodium');
      await run(db, SUPABASE_EXTENSIONS, 'create extension if not exists pgsodium');
      const [r] = await run(
        db,
        `select pgsodium.crypto_hash_sha256('abc') = extensions.digest('abc', 'sha256') as sha256,
                pgsodium.crypto_hash_sha512('abc') = extensions.digest('abc', 'sha512') as sha512,
                pgsodium.crypto_auth_hmacsha256('message', k) = extensions.hmac('message'::bytea, k, 'sha256') as hmac256,
                pgsodium.crypto_auth_hmacsha512('message', k) = extensions.hmac('message'::bytea, k, 'sha512') as hmac512,
                pgsodium.crypto_auth_hmacsha256_verify(pgsodium.crypto_auth_hmacsha256('m', k), 'm', k) as verified,
                pgsodium.crypto_auth('m', k) = substring(extensions.hmac('m'::bytea, k, 'sha512') from 1 for 32) as auth,
                length(pgsodium.crypto_aead_det_keygen()) as det_key, length(pgsodium.crypto_aead_det_noncegen()) as det_nonce,
                length(pgsodium.crypto_secretbox_noncegen()) as box_nonce, length(pgsodium.randombytes_buf(100)) as buf,
                pgsodium.randombytes_uniform(7) between 0 and 6 as uniform,
                pgsodium.sodium_base642bin(pgsodium.sodium_bin2base64('\\xfbff01')) = '\\xfbff01'::bytea as base64,
                pgsodium.sodium_bin2base64('\\xfbff') as urlsafe, pgsodium.version() as version
         from (select extensions.gen_random_bytes(32) as k) keys`,
      );
      assert.deepEqual(r, {
        sha256: true, sha512: true, hmac256: true, hmac512: true, verified: true, auth: true,
        det_key: 32, det_nonce: 16, box_nonce: 24, buf: 100, uniform: true, base64: true, urlsafe: '-_8', version: '3.1.8',
      });
      assert.deepEqual(await run(db, `select (pgsodium.create_key(name := 'app-key')).key_type::text as t`, `select name, status::text, key_type::text from pgsodium.valid_key`), [
        { name: 'app-key', status: 'valid', key_type: 'aead-det' },
      ]);
      assert.deepEqual(await run(db, `select (pgsodium.get_key_by_name('app-key')).name as n`), [{ n: 'app-key' }]);
      await raisesNaming(db, `select pgsodium.crypto_aead_det_encrypt('m', 'ad', (select id from pgsodium.valid_key limit 1))`, 'pgsodium');
      await raisesNaming(db, `select pgsodium.crypto_secretbox('m', pgsodium.crypto_secretbox_noncegen(), pgsodium.crypto_secretbox_keygen())`, 'pgsodium');
      await assert.rejects(query(db, `select pgsodium.crypto_auth_hmacsha256('m', '\\x00'::bytea)`), /invalid key/);
      // The real 3.1.8 member list (pgsodium's own schema test): every function signature is there.
      const members = new Set(
        (await run(db, `select pg_describe_object(classid, objid, 0) as o from pg_depend where refobjid = (select oid from pg_extension where extname = 'pgsodium') and deptype = 'e'`)).map((x) => x.o),
      );
      for (const o of [
        'function pgsodium.crypto_aead_det_encrypt(bytea,bytea,uuid,bytea)',
        'function pgsodium.create_key(pgsodium.key_type,text,bytea,bytea,uuid,bytea,timestamp with time zone,text)',
        'function pgsodium.crypto_sign_update_agg(bytea,bytea)',
        'view pgsodium.decrypted_key',
        'view pgsodium.masking_rule',
        'table pgsodium.key',
        'schema pgsodium_masks',
        'event trigger pgsodium_trg_mask_update',
        'type pgsodium.crypto_box_keypair',
      ]) {
        assert.ok(members.has(o), o);
      }
      assert.equal([...members].filter((m) => m.startsWith('function pgsodium.') && !m.includes('_standin')).length, 137);
    });

    test('pg_tle, plpgsql_check, hypopg, index_advisor: objects exist; what needs their libraries raises naming the stand-in', async () => {
      const db = await srv.createDatabase('tools');
      await run(
        db,
        'create extension if not exists pg_tle',
        'create extension if not exists plpgsql_check',
        'create extension if not exists index_advisor cascade',
        `create function public.passcheck(username text, password text, password_type pgtle.password_types, valid_until timestamptz, valid_null boolean)
         returns void language plpgsql as $$ begin perform plpgsql_check_pragma('disable:check'); end $$`,
        `select pgtle.register_feature('public.passcheck', 'passcheck')`,
      );
      assert.deepEqual(await run(db, 'select feature::text, schema_name, proname from pgtle.feature_info'), [{ feature: 'passcheck', schema_name: 'public', proname: 'passcheck' }]);
      assert.deepEqual(await run(db, `select pgtle.register_feature_if_not_exists('public.passcheck', 'passcheck') as again`), [{ again: false }]);
      await assert.rejects(query(db, 'drop function public.passcheck'), /referenced in pgtle.feature_info/);
      // plpgsql_check_pragma() runs as the real one does at run time: it does nothing.
      await run(db, `select public.passcheck('u', 'p', 'PASSWORD_TYPE_MD5', null, true)`);
      assert.deepEqual(await run(db, 'select count(*)::int as n from pgtle.available_extensions()'), [{ n: 0 }]);
      await raisesNaming(db, `select pgtle.install_extension('my_ext', '1.0', 'mine', 'create function f() returns int language sql as $$ select 1 $$')`, 'pg_tle');
      await raisesNaming(db, `select * from plpgsql_check_function('public.passcheck(text,text,pgtle.password_types,timestamptz,boolean)')`, 'plpgsql_check');
      assert.deepEqual(await run(db, 'select count(*)::int as n from hypopg_list_indexes', 'select count(*)::int as n from hypopg()'), [{ n: 0 }]);
      await raisesNaming(db, `select * from hypopg_create_index('create index on pgtle.feature_info (proname)')`, 'hypopg');
      await raisesNaming(db, `select * from index_advisor('select * from pgtle.feature_info where proname = $1')`, 'index_advisor');
      assert.deepEqual(
        (await run(db, `select pg_get_function_arguments('plpgsql_check_function_tb(regprocedure,regclass,boolean,boolean,boolean,boolean,boolean,boolean,name,name,regtype,regtype,regtype,regtype,regtype,boolean,boolean,boolean,boolean,boolean)'::regprocedure) as a`))[0].a.slice(0, 60),
        'funcoid regprocedure, relid regclass DEFAULT 0, fatal_errors',
      );
    });

    test('pgaudit: installs with its event triggers; DDL and pgaudit settings work as on Supabase', async () => {
      const db = await srv.createDatabase('pgaudit');
      await run(
        db,
        'create extension if not exists pgaudit',
        `alter database current set pgaudit.log = 'ddl, write'`.replace('current', `"${new URL(db).pathname.slice(1)}"`),
        'create role audited_app',
        `alter role audited_app set pgaudit.log to 'all'`,
        'create table public.audited (id int primary key)',
        'drop table public.audited',
      );
      assert.deepEqual(await run(db, `select evtname, evtevent from pg_event_trigger where evtname like 'pgaudit%' order by 1`), [
        { evtname: 'pgaudit_ddl_command_end', evtevent: 'ddl_command_end' },
        { evtname: 'pgaudit_sql_drop', evtevent: 'sql_drop' },
      ]);
      assert.deepEqual(await run(db, `select setconfig from pg_db_role_setting where setrole = 'audited_app'::regrole`), [{ setconfig: ['pgaudit.log=all'] }]);
      // Supabase's images: pgaudit 1.7.1 on 15, 17.1 on 17.
      assert.deepEqual(await run(db, `select extversion from pg_extension where extname = 'pgaudit'`), [{ extversion: major === 15 ? '1.7.1' : '17.1' }]);
      await run(db, 'drop role audited_app');
    });

    test('a migration using the stand-ins the way projects do builds in a shadow, twice to the same schema', async () => {
      const files = {
        '20240101000000_extensions.sql': `${SUPABASE_EXTENSIONS}
create schema if not exists vault;
create extension if not exists supabase_vault with schema vault;
create extension if not exists pgjwt with schema extensions;
create extension if not exists pg_jsonschema with schema extensions;
create extension if not exists pg_hashids with schema extensions;
create extension if not exists pgmq;
create extension if not exists pgsodium;`,
        '20240102000000_app.sql': `create table public.webhooks (
  id bigint generated by default as identity primary key,
  public_id text generated always as (extensions.id_encode(id, 'webhooks', 8)) stored,
  config jsonb not null check (extensions.jsonb_matches_schema('{"type":"object","required":["url"],"properties":{"url":{"type":"string","pattern":"^https://"}}}', config))
);
create function public.make_token(uid uuid) returns text language sql stable as $$
  select extensions.sign(json_build_object('sub', uid, 'role', 'authenticated'), (select decrypted_secret from vault.decrypted_secrets where name = 'jwt_secret'))
$$;
select vault.create_secret('super-secret-jwt-token-with-at-least-32-characters', 'jwt_secret');
select pgmq.create('webhook_deliveries');
select pgmq.send('webhook_deliveries', '{"webhook": 1}');
insert into public.webhooks (config) values ('{"url": "https://example.com/hook"}');`,
      };
      const a = await shadowOf(srv, files);
      const b = await shadowOf(srv, files);
      try {
        assert.deepEqual(await query(a.url, `select public_id, (select valid from extensions.verify(public.make_token(gen_random_uuid()), 'super-secret-jwt-token-with-at-least-32-characters')) as valid from public.webhooks`).then((r) => r.rows), [
          { public_id: await query(a.url, `select extensions.id_encode(1, 'webhooks', 8) as h`).then((r) => r.rows[0].h), valid: true },
        ]);
        assert.deepEqual(await query(a.url, `select message from pgmq.read('webhook_deliveries', 30, 1)`).then((r) => r.rows), [{ message: { webhook: 1 } }]);
        const [sa, sb] = await Promise.all([snapshotOf(a.url), snapshotOf(b.url)]);
        assert.equal(compareSnapshots(sa, sb).sql, '');
        // Queue tables and the stand-ins' own objects are the extensions' members, not the project's.
        assert.ok(!Object.keys(sa.objects).some((k) => /q_webhook_deliveries|_standin|decrypted_secrets|"key"/.test(k)), Object.keys(sa.objects).join('\n'));
        assert.ok(sa.objects['table "public"."webhooks"']);
      } finally {
        await a.dispose();
        await b.dispose();
      }
    });
  });
}
