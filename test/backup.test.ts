import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { applySupabaseProfile } from '../src/procedure/supabase-profile.js';
import { MAJORS, makeProject, runCli, startTestServer, writeMigration, type TestServer } from './helpers/pg.js';

const SCHEMA = `
create schema "Sales Data";
create type "Sales Data"."order state" as enum ('new', 'paid', 'shipped');
create table "Sales Data"."Customers" (
  id bigint generated always as identity primary key,
  "e-mail" text not null unique,
  "select" text,
  ünïcode text default 'ça va',
  created timestamptz not null default now()
);
create table "Sales Data".orders (
  id serial primary key,
  customer bigint not null references "Sales Data"."Customers" (id),
  state "Sales Data"."order state" not null default 'new',
  amount numeric(12, 2) not null check (amount >= 0),
  total numeric generated always as (amount * 1.2) stored,
  notes text
) ;
create table public.events (id bigint, at date not null, payload jsonb) partition by range (at);
create table public.events_2024 partition of public.events for values from ('2024-01-01') to ('2025-01-01');
create table public.events_2025 partition of public.events for values from ('2025-01-01') to ('2026-01-01');
create sequence public.invoice_numbers start 1000;
create table public.self_ref (id int primary key, parent int references public.self_ref (id));
create function public.touch() returns trigger language plpgsql as $$ begin new.notes := coalesce(new.notes, 'touched'); return new; end $$;
create trigger orders_touch before insert on "Sales Data".orders for each row execute function public.touch();
create table public."we""ird ""name""" ("col ""q""" text, "ÜBER" int, "order" int primary key);
create index "idx ""q""" on public."we""ird ""name""" ("ÜBER");
`;

const DATA = `
insert into "Sales Data"."Customers" ("e-mail", "select", ünïcode) select 'user' || n || '@example.com', E'tab\\there', 'naïve ' || n from generate_series(1, 300) n;
insert into "Sales Data".orders (customer, state, amount, notes) select 1 + n % 300, 'paid', n / 7.0, case when n % 3 = 0 then null else E'line1\\nline2 \\\\ back' end from generate_series(1, 2000) n;
insert into public.events select n, date '2024-06-01' + n, jsonb_build_object('n', n) from generate_series(1, 500) n;
insert into public.self_ref values (1, null), (2, 1), (3, 2);
select nextval('public.invoice_numbers') from generate_series(1, 42);
insert into public."we""ird ""name""" values ('a"b', 1, 1), (E'\\\\N', null, 2), ('', 3, 3);
`;

for (const major of MAJORS) {
  describe(`backup and restore on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    let source: string;
    before(async () => {
      srv = await startTestServer(major);
      source = await srv.createDatabase('source');
      await srv.query(source, SCHEMA);
      await srv.query(source, DATA);
    });
    after(() => srv?.stop());

    test('a backup restores into an empty database with the same schema, rows and checksums', async () => {
      const dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-backup-')), 'b1');
      const project = await makeProject();
      const res = await runCli(['backup', '--json', '--remote', source, '--out', dir], { cwd: project });
      assert.equal(res.code, 0, res.stderr);
      const summary = JSON.parse(res.stdout);
      assert.equal(summary.rows, 300 + 2000 + 500 + 3 + 3);
      const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8'));
      assert.equal(manifest.complete, true);
      assert.ok(!JSON.stringify(manifest).includes(srv.server.password), 'no password in the manifest');
      assert.equal((await fs.stat(path.join(dir, 'manifest.json'))).mode & 0o777, 0o600);
      assert.equal((await fs.stat(dir)).mode & 0o777, 0o700);
      const byName = Object.fromEntries(manifest.tables.map((t: any) => [`${t.schema}.${t.name}`, t.rows]));
      assert.deepEqual(byName, { 'Sales Data.Customers': 300, 'Sales Data.orders': 2000, 'public.events_2024': 213, 'public.events_2025': 287, 'public.self_ref': 3, 'public.we"ird "name"': 3 });

      const target = await srv.createDatabase('target');
      const restored = await runCli(['restore', dir, '--to', target, '--json'], { cwd: project });
      assert.equal(restored.code, 0, restored.stderr);
      assert.deepEqual(JSON.parse(restored.stdout), { tables: 6, rows: 2806, verified: true });
      const odd = await srv.query(target, `select "col ""q""" as c, "ÜBER" as u from public."we""ird ""name""" order by "order"`);
      assert.deepEqual(odd.rows, [{ c: 'a"b', u: 1 }, { c: '\\N', u: null }, { c: '', u: 3 }]);

      const diff = await runCli(['diff', '--from', source, '--to', target, '--exit-code'], { cwd: project });
      assert.equal(diff.code, 0, `schemas differ after restore:\n${diff.stdout}${diff.stderr}`);
      // Triggers did not fire again on restore: the notes are as they were.
      const touched = `select count(*)::int as n from "Sales Data".orders where notes = 'touched'`;
      assert.equal((await srv.query(target, touched)).rows[0].n, (await srv.query(source, touched)).rows[0].n);
      const seq = await srv.query(target, `select nextval('public.invoice_numbers') as v, nextval('"Sales Data".orders_id_seq') as o`);
      assert.deepEqual(seq.rows[0], { v: '1042', o: '2001' });
      const identity = await srv.query(target, `insert into "Sales Data"."Customers" ("e-mail") values ('new@example.com') returning id`);
      assert.equal(identity.rows[0].id, '301');
      const sample = await srv.query(target, `select "select", ünïcode from "Sales Data"."Customers" where id = 7`);
      assert.deepEqual(sample.rows[0], { select: 'tab\there', ünïcode: 'naïve 7' });
    });

    test('an interrupted or damaged backup is never taken for a complete one', async () => {
      const dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-backup-')), 'b2');
      const project = await makeProject();
      assert.equal((await runCli(['backup', '--remote', source, '--out', dir], { cwd: project })).code, 0);
      const target = await srv.createDatabase('target');

      const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8'));
      const file = path.join(dir, manifest.tables[1].file);
      const original = await fs.readFile(file);
      const damaged = Buffer.from(original);
      damaged[damaged.length - 10] ^= 0xff;
      await fs.writeFile(file, damaged);
      let res = await runCli(['restore', dir, '--to', target], { cwd: project });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /is damaged: data\/00001\.copy\.gz does not match its checksum; take a new backup/);
      await fs.writeFile(file, original);

      await fs.rename(path.join(dir, 'manifest.json'), path.join(dir, 'manifest.moved'));
      res = await runCli(['restore', dir, '--to', target], { cwd: project });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /holds no complete backup \(no readable manifest\.json; a backup that was interrupted has none\)/);
      const untouched = await srv.query(target, `select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace`);
      assert.equal(untouched.rows[0].n, 0);
    });

    test('a history table made by an old Supabase CLI (a version column alone) is backed up and restored', async () => {
      const db = await srv.createDatabase('oldcli');
      await srv.query(db, `create schema supabase_migrations;
        create table supabase_migrations.schema_migrations (version text primary key);
        insert into supabase_migrations.schema_migrations values ('20210101000000'), ('20210202000000');
        create table public.t (id int primary key); insert into public.t values (1)`);
      const dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-backup-')), 'b4');
      const project = await makeProject();
      const res = await runCli(['backup', '--json', '--remote', db, '--out', dir], { cwd: project });
      assert.equal(res.code, 0, res.stderr);
      const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8'));
      assert.deepEqual(manifest.history.map((t: any) => [t.name, t.columns, t.rows]), [['schema_migrations', ['version'], 2]]);
      // The backup read the table and left it as it was.
      const cols = `select array_agg(attname::text order by attnum) as c from pg_attribute
        where attrelid = 'supabase_migrations.schema_migrations'::regclass and attnum > 0 and not attisdropped`;
      assert.deepEqual((await srv.query(db, cols)).rows[0].c, ['version']);

      const target = await srv.createDatabase('target');
      const restored = await runCli(['restore', dir, '--to', target, '--json'], { cwd: project });
      assert.equal(restored.code, 0, restored.stderr);
      const rows = await srv.query(target, 'select version, name, statements from supabase_migrations.schema_migrations order by version');
      assert.deepEqual(rows.rows, [
        { version: '20210101000000', name: null, statements: null },
        { version: '20210202000000', name: null, statements: null },
      ]);
    });

    test('dates, intervals and floats survive a restore between databases with other DateStyle, IntervalStyle and extra_float_digits', async () => {
      const from = await srv.createDatabase('dmy');
      const into = await srv.createDatabase('mdy');
      const fromDb = new URL(from).pathname.slice(1);
      const intoDb = new URL(into).pathname.slice(1);
      await srv.query(from, `alter database "${fromDb}" set datestyle = 'SQL, DMY'; alter database "${fromDb}" set intervalstyle = 'sql_standard'; alter database "${fromDb}" set extra_float_digits = -3`);
      await srv.query(into, `alter database "${intoDb}" set datestyle = 'SQL, MDY'; alter database "${intoDb}" set intervalstyle = 'postgres_verbose'; alter database "${intoDb}" set extra_float_digits = -3`);
      await srv.query(from, `create table t (d date default '2024-02-01', i interval, f float8, r real);
        insert into t values ('2024-02-01', '1 day 02:03:04', 0.1 + 0.2, 1.1), ('2024-12-31', '-3 mons', 1e-300, 3.4028235e38)`);
      const dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-backup-')), 'styles');
      const project = await makeProject();
      assert.equal((await runCli(['backup', '--remote', from, '--out', dir], { cwd: project })).code, 0);
      const restored = await runCli(['restore', dir, '--to', into, '--json'], { cwd: project });
      assert.equal(restored.code, 0, restored.stderr);
      const read = `select d::text, i::text, f::text, r::text from t order by d`;
      const pinned = 'set datestyle = ISO; set intervalstyle = postgres; set extra_float_digits = 3; ';
      const a = await srv.query(from, pinned + read);
      const b = await srv.query(into, pinned + read);
      assert.deepEqual((b as any)[3].rows, (a as any)[3].rows);
      assert.equal((a as any)[3].rows[0].d, '2024-02-01');
      // The default a diff reads is the ISO literal, not the session's style.
      const diff = await runCli(['diff', '--from', from, '--to', into, '--exit-code'], { cwd: project });
      assert.equal(diff.code, 0, diff.stdout + diff.stderr);
      const empty = await srv.createDatabase('empty');
      const create = await runCli(['diff', '--from', empty, '--to', from], { cwd: project });
      assert.match(create.stdout, /DEFAULT '2024-02-01'::date/);
    });

    test('unvalidated CHECK constraints with rows that break them, materialized views and large objects restore as they were', async () => {
      const from = await srv.createDatabase('objects');
      await srv.query(from, `create table t (n int); insert into t values (-1), (2);
        alter table t add constraint positive check (n > 0) not valid; comment on constraint positive on t is 'old rows exempt';
        create materialized view total as select sum(n) as s from t;
        create materialized view doubled as select s * 2 as d from total;
        create materialized view later as select 1 as one with no data;
        select lo_from_bytea(424242, 'large object bytes'::bytea);`);
      const dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-backup-')), 'objects');
      const project = await makeProject();
      assert.equal((await runCli(['backup', '--remote', from, '--out', dir], { cwd: project })).code, 0);
      const into = await srv.createDatabase('objects_restored');
      const res = await runCli(['restore', dir, '--to', into], { cwd: project });
      assert.equal(res.code, 0, res.stderr);
      assert.deepEqual((await srv.query(into, 'select n from t order by n')).rows, [{ n: -1 }, { n: 2 }]);
      const con = await srv.query(into, `select convalidated, obj_description(oid, 'pg_constraint') as c from pg_constraint where conname = 'positive'`);
      assert.deepEqual(con.rows, [{ convalidated: false, c: 'old rows exempt' }]);
      assert.deepEqual((await srv.query(into, 'select d from doubled')).rows, [{ d: '2' }]);
      assert.equal((await srv.query(into, `select relispopulated as p from pg_class where relname = 'later'`)).rows[0].p, false);
      assert.equal((await srv.query(into, `select convert_from(lo_get(424242), 'UTF8') as v`)).rows[0].v, 'large object bytes');
      const diff = await runCli(['diff', '--from', from, '--to', into, '--exit-code'], { cwd: project });
      assert.equal(diff.code, 0, diff.stdout + diff.stderr);
    });

    test('the backup before a write holds the rows of Supabase\'s own tables, and a restore brings them back', async () => {
      const remote = await srv.createDatabase('supa');
      const client = new pg.Client({ connectionString: remote });
      await client.connect();
      try {
        await applySupabaseProfile(client);
      } finally {
        await client.end();
      }
      await srv.query(remote, `insert into auth.users (id, email) select gen_random_uuid(), 'u' || n || '@example.com' from generate_series(1, 3) n;
        insert into storage.buckets (id, name) values ('avatars', 'avatars');`);
      const project = await makeProject({ 'supabase/config.toml': 'project_id = "x"\n' });
      await writeMigration(project, '20240101000000_wipe.sql', 'delete from auth.users;');
      const push = await runCli(['push', '--yes', '--json', '--remote', remote], { cwd: project });
      assert.equal(push.code, 0, push.stderr);
      assert.equal((await srv.query(remote, 'select count(*)::int as n from auth.users')).rows[0].n, 0);
      const backupDir = path.resolve(project, JSON.parse(push.stdout).backup as string);
      const manifest = JSON.parse(await fs.readFile(path.join(backupDir, 'manifest.json'), 'utf8'));
      const users = manifest.platform.find((t: any) => t.schema === 'auth' && t.name === 'users');
      assert.equal(users.rows, 3);
      const into = await srv.createDatabase('supa_restored');
      const res = await runCli(['restore', backupDir, '--to', into], { cwd: project });
      assert.equal(res.code, 0, res.stderr);
      assert.deepEqual(
        (await srv.query(into, 'select email from auth.users order by email')).rows.map((r) => r.email),
        ['u1@example.com', 'u2@example.com', 'u3@example.com'],
      );
      assert.deepEqual((await srv.query(into, 'select id from storage.buckets')).rows, [{ id: 'avatars' }]);
    });

    test('a full disk stops backup and push at once with one line, the lock released and nothing applied', { skip: smallDiskSkip() }, async () => {
      const mount = await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-full-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mount]);
      try {
        const remote = await srv.createDatabase('full');
        await srv.query(remote, `create table t as select n, md5(n::text) || md5((n * 7)::text) as s from generate_series(1, 100000) n`);
        const project = await makeProject();
        const res = await runCli(['backup', '--json', '--remote', remote, '--out', path.join(mount, 'b')], { cwd: project });
        assert.equal(res.code, 1, res.stderr);
        assert.match(JSON.parse(res.stdout).error, /cannot write the backup to .*: no space left on the device; free space or choose another folder with --out/);
        assert.deepEqual(await fs.readdir(mount), [], 'the incomplete backup is removed');

        const onSmall = path.join(mount, 'project');
        await fs.cp(project, onSmall, { recursive: true });
        await writeMigration(onSmall, '20240101000000_more.sql', 'create table more (id int);');
        const push = await runCli(['push', '--yes', '--remote', remote], { cwd: onSmall });
        assert.equal(push.code, 1);
        assert.match(push.stderr, /no space left on the device/);
        assert.equal((await srv.query(remote, `select to_regclass('more') is null as none`)).rows[0].none, true);
        const locks = await srv.query(remote, `select count(*)::int as n from pg_locks where locktype = 'advisory'`);
        assert.equal(locks.rows[0].n, 0);
      } finally {
        execFileSync('umount', [mount]);
        await fs.rm(mount, { recursive: true, force: true });
      }
    });

    test('restore refuses a database that is not empty, and backup refuses a used folder', async () => {
      const dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-backup-')), 'b3');
      const project = await makeProject();
      assert.equal((await runCli(['backup', '--remote', source, '--out', dir], { cwd: project })).code, 0);
      const again = await runCli(['backup', '--remote', source, '--out', dir], { cwd: project });
      assert.equal(again.code, 1);
      assert.match(again.stderr, /is not empty: choose a new folder with --out/);
      const res = await runCli(['restore', dir, '--to', source], { cwd: project });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /is not empty: restore into a new, empty database/);
      const file = path.join(dir, 'manifest.json');
      const onFile = await runCli(['backup', '--remote', source, '--out', file], { cwd: project });
      assert.equal(onFile.code, 1);
      assert.match(onFile.stderr, /backup folder .*manifest\.json is a file: choose a new folder with --out/);
    });
  });
}

/** A small file system to fill needs root (mount); elsewhere the full-disk case is skipped, and says why. */
function smallDiskSkip(): string | false {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'needs root on Linux to mount a small tmpfs';
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' });
    return false;
  } catch {
    return 'no mount command';
  }
}
