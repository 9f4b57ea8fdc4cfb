/** The catalog layer: what a snapshot holds, under which keys, and what it leaves out. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { INDEX_DEFS } from '../src/catalog/families/relations.js';
import { readSnapshot } from '../src/catalog/read.js';
import type { Scope, Snapshot, Table } from '../src/catalog/types.js';
import { applySupabaseProfile } from '../src/procedure/supabase-profile.js';
import { MAJORS, startTestServer, type TestServer } from './helpers/pg.js';
import { CASE_SETUP, snapshotOf, withClient } from './helpers/schema.js';

const plain: Scope = { profile: 'plain' };

const APP = `
create schema app;
create type app.status as enum ('new', 'done');
create sequence app.counter;
create table app.users (id bigint generated always as identity primary key, email text not null unique collate "C",
  created timestamptz default now(), n int default nextval('app.counter'), doubled int generated always as (n * 2) stored);
create table app.todos (id serial primary key, user_id bigint references app.users on delete cascade deferrable,
  status app.status default 'new');
alter table app.todos add constraint title_ok check (status is not null) not valid;
create index todos_user on app.todos (user_id) where status = 'new';
create view app.open_todos as select t.id, u.email from app.todos t join app.users u on u.id = t.user_id;
create function app.f(a int) returns int language sql as $$ select a $$;
create function app.f(a text) returns text language sql as $$ select a $$;
create function app.touch() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger touch before update on app.users for each row execute function app.touch();
alter table app.todos enable row level security;
create policy own on app.todos for select to dbalign_r1 using (user_id > 0);
grant select on app.users to dbalign_r1;
grant select (email) on app.users to dbalign_r2;
comment on table app.users is 'people';
comment on column app.users.email is 'where to write';
`;

function objectKeys(s: Snapshot): string[] {
  return Object.keys(s.objects);
}

for (const major of MAJORS) {
  describe(`catalog on PostgreSQL ${major}`, () => {
    let server: TestServer;
    let url: string;
    let snap: Snapshot;
    before(async () => {
      server = await startTestServer(major);
      url = await server.createDatabase('cat');
      await server.query(url, CASE_SETUP);
      await server.query(url, APP);
      snap = await snapshotOf(url, plain);
    });
    after(async () => {
      await server?.stop();
    });

    test('a snapshot round-trips through JSON', () => {
      assert.equal(snap.format, 'dbalign-snapshot-1');
      assert.equal(Math.floor(snap.serverVersion / 10000), major);
      assert.deepEqual(JSON.parse(JSON.stringify(snap)), snap);
    });

    test('keys are built from names: the same schema created in another order snapshots equal', async () => {
      const other = await server.createDatabase('cat');
      // Objects created in a different order (and with unrelated objects made and dropped first) get other OIDs.
      await server.query(other, 'create table junk (a int); create type junk2 as enum (\'x\'); drop table junk; drop type junk2;');
      await server.query(other, APP);
      const s2 = await snapshotOf(other, plain);
      assert.deepEqual(s2.objects, snap.objects);
    });

    test('tables, columns and their attributes', () => {
      const users = snap.objects['table "app"."users"'] as Table;
      assert.equal(users.kind, 'table');
      const col = (n: string) => users.columns.find((c) => c.name === n)!;
      assert.equal(col('id').identity, 'a');
      assert.equal(col('id').type, 'bigint');
      assert.equal(col('email').notNull, true);
      assert.equal(col('email').collation, 'pg_catalog."C"');
      assert.equal(col('email').comment, 'where to write');
      assert.deepEqual(col('email').grants, [{ grantee: 'dbalign_r2', privilege: 'SELECT', grantable: false }]);
      assert.equal(col('created').default, 'now()');
      assert.equal(col('doubled').generated, 's');
      assert.equal(col('doubled').default, '(n * 2)');
      assert.equal(users.comment, 'people');
      assert.deepEqual(users.grants, [{ grantee: 'dbalign_r1', privilege: 'SELECT', grantable: false }]);
      const todos = snap.objects['table "app"."todos"'] as Table;
      assert.equal(todos.rowSecurity, true);
      assert.equal(todos.columns.find((c) => c.name === 'status')!.type, 'app.status');
    });

    test('every kind is read under its key, in PostgreSQL\'s own rendering', () => {
      const o = snap.objects;
      assert.equal(o['schema "app"']?.kind, 'schema');
      const status = o['type "app"."status"'];
      assert.ok(status?.kind === 'type' && status.type === 'enum');
      assert.deepEqual(status.labels, ['new', 'done']);
      const fk = o['constraint "app"."todos"."todos_user_id_fkey"'];
      assert.ok(fk?.kind === 'constraint');
      assert.equal(fk.definition, 'FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE DEFERRABLE');
      const check = o['constraint "app"."todos"."title_ok"'];
      assert.ok(check?.kind === 'constraint');
      assert.equal(check.validated, false);
      const idx = o['index "app"."todos_user"'];
      assert.ok(idx?.kind === 'index');
      assert.match(idx.definition, /^CREATE INDEX todos_user ON app\.todos USING btree \(user_id\) WHERE \(status = 'new'::app\.status\)$/);
      // Indexes behind constraints belong to the constraint.
      assert.equal(o['index "app"."users_pkey"'], undefined);
      assert.equal(o['constraint "app"."users"."users_pkey"']?.kind, 'constraint');
      // Identity sequences belong to their column, serial ones are sequences OWNED BY it.
      assert.equal(o['sequence "app"."users_id_seq"'], undefined);
      const serial = o['sequence "app"."todos_id_seq"'];
      assert.ok(serial?.kind === 'sequence');
      assert.deepEqual(serial.ownedBy, { table: 'table "app"."todos"', column: 'id' });
      assert.equal(o['view "app"."open_todos"']?.kind, 'view');
      assert.ok(o['function "app"."f"(integer)'] && o['function "app"."f"(text)'], 'overloads have their own keys');
      const trigger = o['trigger "app"."users"."touch"'];
      assert.ok(trigger?.kind === 'trigger');
      assert.match(trigger.definition, /^CREATE TRIGGER touch BEFORE UPDATE ON app\.users FOR EACH ROW EXECUTE FUNCTION app\.touch\(\)$/);
      const policy = o['policy "app"."todos"."own"'];
      assert.ok(policy?.kind === 'policy');
      assert.deepEqual([policy.command, policy.roles, policy.using], ['SELECT', ['dbalign_r1'], '(user_id > 0)']);
    });

    test('dependencies are recorded as keys', () => {
      const deps = (k: string) => snap.objects[k]!.deps;
      assert.ok(deps('view "app"."open_todos"').includes('table "app"."users"'));
      assert.ok(deps('view "app"."open_todos"').includes('table "app"."todos"'));
      assert.ok(deps('constraint "app"."todos"."todos_user_id_fkey"').includes('constraint "app"."users"."users_pkey"'));
      assert.ok(deps('table "app"."todos"').includes('type "app"."status"'));
      assert.ok(deps('table "app"."users"').includes('sequence "app"."counter"'));
      assert.ok(deps('trigger "app"."users"."touch"').includes('function "app"."touch"()'));
      assert.ok(deps('index "app"."todos_user"').includes('table "app"."todos"'));
      assert.ok(deps('table "app"."users"').includes('schema "app"'));
      // OWNED BY is not a creation dependency (the table's default needs the sequence first).
      assert.ok(!deps('sequence "app"."todos_id_seq"').includes('table "app"."todos"'));
    });

    test('system schemas and extension members are left out', async () => {
      const db = await server.createDatabase('cat');
      await server.query(db, 'create extension hstore; create table t (h hstore);');
      const s = await snapshotOf(db, plain);
      assert.ok(objectKeys(s).every((k) => !/"(pg_catalog|information_schema|pg_toast)"/.test(k)));
      assert.equal(s.objects['extension "hstore"']?.kind, 'extension');
      assert.ok(!objectKeys(s).some((k) => k.startsWith('function ') || k.startsWith('type ')), 'hstore\'s functions and types belong to it');
      assert.ok(s.objects['table "public"."t"']!.deps.includes('extension "hstore"'));
    });

    test('includeSchemas and excludeSchemas', async () => {
      const inc = await snapshotOf(url, { profile: 'plain', includeSchemas: ['app'] });
      assert.ok(objectKeys(inc).length > 0);
      assert.ok(objectKeys(inc).every((k) => !k.includes('"public"')));
      const exc = await snapshotOf(url, { profile: 'plain', excludeSchemas: ['app'] });
      assert.ok(objectKeys(exc).every((k) => !k.includes('"app"')));
      assert.ok(exc.objects['schema "public"']);
    });

    test('withOwners records owners, otherwise they are left out', async () => {
      const s = await snapshotOf(url, { profile: 'plain', withOwners: true });
      assert.equal(s.objects['table "app"."users"']!.owner, server.server.user);
      assert.equal(snap.objects['table "app"."users"']!.owner, undefined);
    });

    test('objects that are not modelled produce warnings', async () => {
      const db = await server.createDatabase('cat');
      await server.query(
        db,
        `create foreign data wrapper dummy_fdw; create server dummy_srv foreign data wrapper dummy_fdw;
         create foreign table ft (a int) server dummy_srv;
         create function plus(int, int) returns int language sql as 'select $1 + $2';
         create operator ### (leftarg = int, rightarg = int, function = plus);
         create table t2 (a int, b int); create statistics st on a, b from t2;
         create schema other; create table other.t3 (a int);`,
      );
      // No label provider is loaded here: write the labels SECURITY LABEL would write.
      await server.query(
        db,
        `set allow_system_table_mods = on;
         insert into pg_seclabel values ('t2'::regclass, 'pg_class'::regclass, 0, 'selinux', 'system_u:object_r:sepgsql_table_t:s0');
         insert into pg_seclabel values ('other.t3'::regclass, 'pg_class'::regclass, 0, 'selinux', 'unconfined_u');
         insert into pg_seclabel values ('t2'::regclass, 'pg_class'::regclass, 2, 'selinux', 'column_b');
         insert into pg_seclabel values ('t2'::regtype, 'pg_type'::regclass, 0, 'selinux', 'row_type');`,
      );
      const s = await snapshotOf(db, { profile: 'plain', excludeSchemas: ['other'] });
      const text = s.warnings.join('\n');
      assert.doesNotMatch(text, /foreign|dummy_/, 'foreign tables, servers and wrappers are modelled');
      assert.ok(s.objects['table "public"."ft"']?.kind === 'table' && s.objects['table "public"."ft"'].foreign?.server === 'server "dummy_srv"');
      // Operators and statistics objects are modelled: read as objects, not warned about.
      assert.doesNotMatch(text, /operator|statistics/);
      assert.equal(s.objects['operator "public".###(integer, integer)']?.kind, 'operator');
      assert.equal(s.objects['statistics "public"."st"']?.kind, 'statistics');
      // Labels are read onto their objects and columns; one on a table's row type is not, and says so.
      const t2 = s.objects['table "public"."t2"'];
      assert.ok(t2?.kind === 'table');
      assert.deepEqual(t2.securityLabels, [{ provider: 'selinux', label: 'system_u:object_r:sepgsql_table_t:s0' }]);
      assert.deepEqual(t2.columns.find((c) => c.name === 'b')?.securityLabels, [{ provider: 'selinux', label: 'column_b' }]);
      assert.equal(t2.columns.find((c) => c.name === 'a')?.securityLabels, undefined);
      assert.match(text, /security label \(selinux\) on type (public\.)?t2: not compared/);
      assert.doesNotMatch(text, /t3/, 'labels outside the scope are not reported');
    });

    test('access methods are read (built-in ones are not); user mappings are read, never with a password', async () => {
      const db = await server.createDatabase('cat');
      await server.query(
        db,
        `create access method my_heap type table handler heap_tableam_handler;
         create foreign data wrapper am_fdw; create server am_srv foreign data wrapper am_fdw;
         create user mapping for current_user server am_srv options (user 'remote_user', password 'Pa55-in-mapping');
         create user mapping for public server am_srv options (password 'Pa55-public');`,
      );
      const s = await snapshotOf(db, { profile: 'plain' });
      const text = s.warnings.join('\n');
      assert.deepEqual(s.objects['access_method "my_heap"'], { key: 'access_method "my_heap"', deps: [], comment: null, kind: 'access_method', name: 'my_heap', type: 't', handler: 'heap_tableam_handler' });
      assert.deepEqual(Object.keys(s.objects).filter((k) => k.startsWith('access_method ')), ['access_method "my_heap"'], 'built-in access methods are not read');
      assert.doesNotMatch(text, /user mapping|access method/);
      const mine = s.objects[`user_mapping "${server.server.user}" server "am_srv"`];
      assert.deepEqual(mine?.kind === 'user_mapping' && mine.options, ['password=__DBALIGN_SECRET__', 'user=remote_user']);
      assert.ok(s.objects['user_mapping PUBLIC server "am_srv"']);
      assert.doesNotMatch(JSON.stringify(s), /Pa55/, 'a password is never in a snapshot');
    });

    test('quoted names round-trip into keys', async () => {
      const db = await server.createDatabase('cat');
      await server.query(db, `create schema "My ""S"""; create table "My ""S"""."Täble x" ("select" int); create index "I dx" on "My ""S"""."Täble x" ("select");`);
      const s = await snapshotOf(db, plain);
      assert.ok(s.objects['table "My ""S"""."Täble x"']);
      assert.ok(s.objects['index "My ""S"""."I dx"']);
      assert.equal((s.objects['table "My ""S"""."Täble x"'] as Table).columns[0]!.name, 'select');
    });

    test('supabase profile: platform schemas out, except RLS, policies and triggers on auth and storage tables', async () => {
      const db = await server.createDatabase('cat');
      await withClient(db, (c) => applySupabaseProfile(c));
      await server.query(
        db,
        `create table public.profiles (id uuid primary key references auth.users);
         create function public.on_signup() returns trigger language plpgsql as $$ begin return new; end $$;
         create trigger on_signup after insert on auth.users for each row execute function public.on_signup();
         create policy "read own" on storage.objects for select to authenticated using (owner = auth.uid());
         alter table auth.identities enable row level security;`,
      );
      const s = await snapshotOf(db, { profile: 'supabase' });
      const keys = objectKeys(s);
      assert.ok(keys.includes('table "public"."profiles"'));
      assert.ok(keys.includes('trigger "auth"."users"."on_signup"'));
      assert.ok(keys.includes('policy "storage"."objects"."read own"'));
      const identities = s.objects['table "auth"."identities"'] as Table;
      assert.equal(identities.managed, true);
      assert.equal(identities.rowSecurity, true);
      assert.ok(!keys.some((k) => k.startsWith('function "auth"') || k.startsWith('schema "auth"') || k.startsWith('index "storage"')));
      assert.ok(!keys.some((k) => k.includes('"realtime"') || k.includes('"extensions"')));
    });

    test('index definitions written without pg_get_indexdef are exactly what it writes', async () => {
      const db = await server.createDatabase('cat');
      await server.query(
        db,
        `create schema "Odd Schema";
        create domain "Odd Schema".dm as int;
        create table "Odd Schema"."Order" ("select" int, "Mixed Case" text, "ünï" text, plain int, v varchar(10),
          d date, j jsonb, arr int[], c text collate "C", dom "Odd Schema".dm, "between" int, "left" int,
          comment int, _under2 int, tsv tsvector, nm name, amount numeric(10, 2));
        create index on "Odd Schema"."Order" ("select");
        create index "Idx ""quoted""" on "Odd Schema"."Order" ("Mixed Case", "ünï");
        create unique index "user" on "Odd Schema"."Order" (plain, d);
        create index keywords on "Odd Schema"."Order" ("between", "left", comment, _under2);
        create index hash_plain on "Odd Schema"."Order" using hash (plain);
        create index gin_j on "Odd Schema"."Order" using gin (j);
        create index brin_d on "Odd Schema"."Order" using brin (d);
        create index c_plain on "Odd Schema"."Order" (c);
        create index name_plain on "Odd Schema"."Order" (nm);
        create index name_default on "Odd Schema"."Order" (nm collate "default");
        create index numeric_typmod on "Odd Schema"."Order" (amount);
        create index gin_arr on "Odd Schema"."Order" using gin (arr);
        create index varchar_v on "Odd Schema"."Order" (v);
        create index on "Odd Schema"."Order" (plain desc);
        create index on "Odd Schema"."Order" (plain nulls first);
        create index c_posix on "Odd Schema"."Order" (c collate "POSIX");
        create index pattern on "Odd Schema"."Order" ("Mixed Case" text_pattern_ops);
        create index gist_siglen on "Odd Schema"."Order" using gist (tsv tsvector_ops (siglen = 100));
        create index on "Odd Schema"."Order" (plain) include (d);
        create index on "Odd Schema"."Order" (lower("Mixed Case"));
        create index partial_one on "Odd Schema"."Order" (d) where plain > 0;
        create index "Partial ""Two""" on "Odd Schema"."Order" ("select", d) where ("Mixed Case" <> 'x' and "ünï" is not null) or plain = 1;
        create index on "Odd Schema"."Order" (plain) with (fillfactor = 70);
        create index domain_dom on "Odd Schema"."Order" (dom);
        create unique index on "Odd Schema"."Order" ("select") nulls not distinct;
        create table parted (k int, v int) partition by range (k);
        create table parted_1 partition of parted for values from (0) to (10);
        create index parted_v on parted (v);
        create materialized view mv as select 1 as "Select", 2 as b;
        create index on mv ("Select", b);`,
      );
      // Which definitions the reader had to ask the server for, after reading the index parts.
      const asked: string[] = [];
      const s = await withClient(db, async (c) => {
        const query = c.query.bind(c) as (...args: unknown[]) => unknown;
        (c as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => {
          if (config instanceof pg.Query && config.text === INDEX_DEFS) asked.push(...(config.values as string[][])[0]!);
          return query(config, ...rest);
        };
        return readSnapshot(c, plain);
      });
      const rows = await withClient(db, async (c) => {
        await c.query(`set search_path = ''`);
        return (
          await c.query<{ oid: string; name: string; def: string }>(`
            SELECT i.indexrelid::text AS oid, c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE c.relnamespace IN ('"Odd Schema"'::regnamespace, 'public'::regnamespace)`)
        ).rows;
      });
      const theirs = new Map(rows.map((r) => [r.name, r.def]));
      const indexes = Object.values(s.objects).flatMap((o) => (o.kind === 'index' ? [o] : []));
      assert.equal(indexes.length, rows.length);
      for (const i of indexes) assert.equal(i.definition, theirs.get(i.name), i.name);
      const names = new Map(rows.map((r) => [r.oid, r.name]));
      assert.deepEqual(
        asked.map((oid) => names.get(oid)).sort(),
        ['c_plain', 'c_posix', 'domain_dom', 'gin_arr', 'gist_siglen', 'mv_Select_b_idx', 'name_default', 'numeric_typmod', 'pattern', 'varchar_v'],
        'asked for: a column with COLLATE, a typmod, a domain, a polymorphic or binary-compatible operator class, options, a view\'s columns',
      );
    });

    test('bulk queries: the number of queries does not grow with the schema', async (t) => {
      const count = async (dbUrl: string) => {
        const client = new pg.Client({ connectionString: dbUrl });
        await client.connect();
        let n = 0;
        const orig = client.query.bind(client) as (...a: unknown[]) => unknown;
        (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
          n++;
          return orig(...a);
        };
        try {
          await readSnapshot(client, plain);
        } finally {
          await client.end();
        }
        return n;
      };
      const small = await server.createDatabase('cat');
      await server.query(small, 'create table t1 (id int primary key, v text); create index on t1 (v); create view v1 as select * from t1;');
      const big = await server.createDatabase('cat');
      const ddl: string[] = [];
      for (let i = 0; i < 60; i++)
        ddl.push(`create table t${i} (id int primary key, v text check (v <> '')); create index on t${i} (v); create view v${i} as select * from t${i}; comment on table t${i} is 'x';`);
      await server.query(big, ddl.join('\n'));
      const [a, b] = [await count(small), await count(big)];
      assert.equal(a, b, `queries: ${a} for 1 table, ${b} for 60`);
      assert.ok(a < 40, `${a} queries`);
      t.diagnostic(`${a} queries`);
    });
  });
}
