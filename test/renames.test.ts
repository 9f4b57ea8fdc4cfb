import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readSnapshot, type Scope, type Snapshot } from '../src/catalog/index.js';
import { connect } from '../src/db/connection.js';
import { loadProject } from '../src/migrations/project.js';
import { loadParser, splitStatements } from '../src/migrations/sql.js';
import { silentLog } from '../src/procedure/log.js';
import { runStatement } from '../src/procedure/standins.js';
import { compareWithRenames, parseRename, renameCandidates, type RenameOptions } from '../src/procedure/renames.js';
import { compareSnapshots } from '../src/procedure/schema.js';
import { MAJORS, makeProject, query, runCli, startTestServer, writeMigration, type TestServer } from './helpers/pg.js';
import { col, snapshotFrom, tableObj } from './helpers/schema.js';

describe('renameCandidates', () => {
  test('a table or column dropped and one created with the same definition apart from its name', () => {
    const from = snapshotFrom([
      tableObj('public', 'posts', [col('id', 'bigint', { notNull: true, default: "nextval('public.posts_id_seq'::regclass)" }), col('body', 'text')]),
      tableObj('public', 'users', [col('id', 'bigint'), col('mail', 'text', { notNull: true }), col('age', 'integer')]),
    ]);
    const to = snapshotFrom([
      tableObj('public', 'articles', [col('id', 'bigint', { notNull: true, default: "nextval('public.articles_id_seq'::regclass)" }), col('body', 'text')]),
      tableObj('public', 'users', [col('id', 'bigint'), col('email', 'text', { notNull: true }), col('years', 'bigint')]),
    ]);
    assert.deepEqual(
      renameCandidates(from, to).map((c) => `${c.kind} ${c.from}=${c.to}`),
      ['table public.posts=public.articles', 'column public.users.mail=public.users.email'],
      'a column whose type changes too is not a candidate',
    );
    assert.deepEqual(renameCandidates(to, to), []);
  });

  test('--rename takes FROM=TO', () => {
    assert.deepEqual(parseRename('public.a.b = public.a.c'), { from: 'public.a.b', to: 'public.a.c' });
    assert.throws(() => parseRename('a'), /^DbalignError: invalid --rename "a": write it FROM=TO, as in --rename public.users.mail=public.users.email$/);
  });
});

for (const major of MAJORS) {
  describe(`renames on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    const INIT = `create table public.users (id bigserial primary key, mail text not null, name text);
create index users_mail on public.users (mail);
create view public.mails as select id, mail from public.users;
create table public.posts (id bigint generated always as identity primary key, user_id bigint references public.users (id), body text);
alter table public.posts enable row level security;
create policy own on public.posts using (user_id = 1);
grant select on public.posts to public;
`;
    const DECLARED = `create table public.users (id bigserial primary key, email text not null, name text);
create index users_mail on public.users (email);
create view public.mails as select id, email as mail from public.users;
create table public.articles (id bigint generated always as identity primary key, user_id bigint references public.users (id), body text);
alter table public.articles enable row level security;
create policy own on public.articles using (user_id = 1);
grant select on public.articles to public;
`;

    test('new --from-schemas: a likely rename stops without a decision, --rename keeps the rows through a push, --allow-data-loss drops', async () => {
      const remote = await srv.createDatabase('remote');
      const dir = await makeProject({ 'supabase/migrations/20240101000000_init.sql': INIT, 'supabase/schemas/all.sql': DECLARED });
      const flags = ['--shadow', srv.server.url(), '--profile', 'plain'];
      assert.equal((await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir })).code, 0);
      await query(remote, `insert into public.users (mail, name) values ('a@x', 'A'); insert into public.posts (user_id, body) values (1, 'kept');`);

      const stopped = await runCli(['new', 'rename', '--from-schemas', ...flags], { cwd: dir });
      assert.equal(stopped.code, 1);
      assert.equal(
        stopped.stderr.trim().split('\n').pop(),
        'error: the plan would delete data where renames are likely (table public.posts dropped, public.articles created alike; column public.users.mail dropped, public.users.email created alike): keep the data with --rename public.posts=public.articles --rename public.users.mail=public.users.email, or pass --allow-data-loss to drop and create',
      );
      assert.equal((await fs.readdir(path.join(dir, 'supabase/migrations'))).length, 1, 'nothing written');
      const wrong = await runCli(['new', 'rename', '--from-schemas', '--rename', 'public.users.name=public.users.email', ...flags], { cwd: dir });
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /--rename public.users.name=public.users.email matches no rename candidate \(an object dropped and one created alike apart from its name\): the candidates are public.posts=public.articles, public.users.mail=public.users.email/);

      const lossy = await runCli(['new', 'lossy', '--from-schemas', '--allow-data-loss', '--json', ...flags], { cwd: dir });
      assert.equal(lossy.code, 0, lossy.stderr);
      const l = JSON.parse(lossy.stdout);
      assert.match(l.sql, /DROP TABLE "public"."posts"/);
      assert.match(l.sql, /-- hazard: deletes data/);
      await fs.rm(path.join(dir, l.file));

      const kept = await runCli(['new', 'rename', '--from-schemas', '--json', '--rename', 'posts=articles', '--rename', 'public.users.mail=public.users.email', ...flags], { cwd: dir });
      assert.equal(kept.code, 0, kept.stderr);
      const k = JSON.parse(kept.stdout);
      assert.deepEqual(k.renames.decisions.map((d: { by: string; candidate: { from: string } }) => `${d.by} ${d.candidate.from}`), [
        'flag public.posts',
        'flag public.users.mail',
        'follow public.articles.posts_pkey',
        'follow public.articles.posts_user_id_fkey',
      ], 'the keys named after the table follow it unasked');
      assert.deepEqual(k.sql.trim().split('\n').sort(), [
        'ALTER TABLE "public"."articles" RENAME CONSTRAINT "posts_pkey" TO "articles_pkey";',
        'ALTER SEQUENCE "public"."posts_id_seq" RENAME TO "articles_id_seq";',
        'ALTER TABLE "public"."articles" RENAME CONSTRAINT "posts_user_id_fkey" TO "articles_user_id_fkey";',
        'ALTER TABLE "public"."posts" RENAME TO "articles";',
        'ALTER TABLE "public"."users" RENAME COLUMN "mail" TO "email";',
      ].sort(), 'renames only: nothing dropped, no view, policy, key or grant made again');
      // The migrations now build what the files declare, and pushed, the rows are still there.
      const diff = await runCli(['diff', '--from', 'migrations', '--to', 'schemas', '--exit-code', ...flags], { cwd: dir });
      assert.equal(diff.code, 0, diff.stdout + diff.stderr);
      const pushed = await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir });
      assert.equal(pushed.code, 0, pushed.stderr);
      assert.deepEqual((await query(remote, 'select u.email, a.body from public.articles a join public.users u on u.id = a.user_id')).rows, [{ email: 'a@x', body: 'kept' }]);
      assert.deepEqual((await query(remote, 'select mail from public.mails')).rows, [{ mail: 'a@x' }], 'the view kept working');
    });

    test('pull: a column renamed on the remote is pulled as a rename when confirmed (--yes answers yes), never as a drop', async () => {
      const remote = await srv.createDatabase('remote');
      const dir = await makeProject({ 'supabase/migrations/20240101000000_init.sql': INIT });
      const flags = ['--remote', remote, '--shadow', srv.server.url(), '--profile', 'plain', '--no-backup'];
      assert.equal((await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir })).code, 0);
      await query(remote, 'alter table public.users rename column name to full_name');
      const stopped = await runCli(['pull', ...flags], { cwd: dir });
      assert.equal(stopped.code, 1);
      assert.match(stopped.stderr, /keep the data with --rename public.users.name=public.users.full_name, or pass --allow-data-loss/);
      const pulled = await runCli(['pull', '--yes', '--json', ...flags], { cwd: dir });
      assert.equal(pulled.code, 0, pulled.stderr);
      const p = JSON.parse(pulled.stdout);
      assert.equal(p.sql.trim(), 'ALTER TABLE "public"."users" RENAME COLUMN "name" TO "full_name";');
      assert.equal(p.renames.decisions[0].by, 'yes', '--yes confirms a candidate alike in all but its name');
      await writeMigration(dir, '20990101000000_noop.sql', '');
      const check = await runCli(['diff', '--from', 'migrations', '--to', 'remote', '--exit-code', '--remote', remote, '--shadow', srv.server.url(), '--profile', 'plain'], { cwd: dir });
      assert.equal(check.code, 0, check.stdout + check.stderr);
    });
  });
}

async function snapshot(url: string, scope: Scope = { profile: 'plain' }): Promise<Snapshot> {
  const c = await connect(url, 'test');
  try {
    return await readSnapshot(c, scope);
  } finally {
    await c.end();
  }
}

/** Each kind: the schema before (with rows) and after, the flags, what the plan must be, and what must survive. */
interface KindCase {
  name: string;
  a: string;
  b: string;
  renames: string[];
  /** The plan's statements, in order (a confirmed rename is the whole plan unless the case alters too). */
  sql: string[];
  /** A query on the migrated database and its rows. */
  rows?: [string, unknown[]];
}

const KIND_CASES: KindCase[] = [
  {
    name: 'schema',
    a: `create schema "Old Area"; create table "Old Area".items (id int primary key, v text); insert into "Old Area".items values (1, 'kept');`,
    b: `create schema "New Area"; create table "New Area".items (id int primary key, v text);`,
    renames: ['Old Area=New Area'],
    sql: ['ALTER SCHEMA "Old Area" RENAME TO "New Area";'],
    rows: ['select v from "New Area".items', [{ v: 'kept' }]],
  },
  {
    name: 'view, with a grant kept',
    a: `create table t (id int); create view v as select id from t; grant select on v to public;`,
    b: `create table t (id int); create view "W v" as select id from t; grant select on "W v" to public;`,
    renames: ['public.v=public.W v'],
    sql: ['ALTER VIEW "public"."v" RENAME TO "W v";'],
  },
  {
    name: 'materialized view, with its rows',
    a: `create table t (id int); insert into t values (7); create materialized view mv as select id from t;`,
    b: `create table t (id int); create materialized view mv2 as select id from t;`,
    renames: ['mv=mv2'],
    sql: ['ALTER MATERIALIZED VIEW "public"."mv" RENAME TO "mv2";'],
    rows: ['select id from mv2', [{ id: 7 }]],
  },
  {
    name: 'function called by a trigger',
    a: `create table t (id int, n int); create function bump() returns trigger language plpgsql as $$begin new.n := coalesce(new.n, 0) + 1; return new; end$$; create trigger tr before insert on t for each row execute function bump();`,
    b: `create table t (id int, n int); create function increment_n() returns trigger language plpgsql as $$begin new.n := coalesce(new.n, 0) + 1; return new; end$$; create trigger tr before insert on t for each row execute function increment_n();`,
    renames: ['bump=increment_n'],
    sql: ['ALTER FUNCTION "public"."bump"() RENAME TO "increment_n";'],
  },
  {
    name: 'enum type used by a column',
    a: `create type mood as enum ('sad', 'ok'); create table p (id int, m mood); insert into p values (1, 'sad');`,
    b: `create type feeling as enum ('sad', 'ok'); create table p (id int, m feeling);`,
    renames: ['public.mood=public.feeling'],
    sql: ['ALTER TYPE "public"."mood" RENAME TO "feeling";'],
    rows: ['select m::text from p', [{ m: 'sad' }]],
  },
  {
    name: 'enum value, rows holding it',
    a: `create type mood as enum ('sad', 'ok'); create table p (id int, m mood); insert into p values (1, 'sad');`,
    b: `create type mood as enum ('unhappy', 'ok'); create table p (id int, m mood);`,
    renames: ['mood.sad=mood.unhappy'],
    sql: [`ALTER TYPE "public"."mood" RENAME VALUE 'sad' TO 'unhappy';`],
    rows: ['select m::text from p', [{ m: 'unhappy' }]],
  },
  {
    name: 'sequence, keeping its position',
    a: `create sequence invoice_no start 1000; select nextval('invoice_no'); select nextval('invoice_no');`,
    b: `create sequence invoice_number start 1000;`,
    renames: ['invoice_no=invoice_number'],
    sql: ['ALTER SEQUENCE "public"."invoice_no" RENAME TO "invoice_number";'],
    rows: [`select nextval('invoice_number')::int as n`, [{ n: 1002 }]],
  },
  {
    name: 'index',
    a: `create table t (id int, x int); create index t_x on t (x);`,
    b: `create table t (id int, x int); create index "T by x" on t (x);`,
    renames: ['public.t_x=public.T by x'],
    sql: ['ALTER INDEX "public"."t_x" RENAME TO "T by x";'],
  },
  {
    name: 'constraint',
    a: `create table t (id int, x int constraint x_positive check (x > 0));`,
    b: `create table t (id int, x int constraint x_above_zero check (x > 0));`,
    renames: ['t.x_positive=t.x_above_zero'],
    sql: ['ALTER TABLE "public"."t" RENAME CONSTRAINT "x_positive" TO "x_above_zero";'],
  },
  {
    name: 'table with a serial column: its sequence follows, keeping its position',
    a: `create table posts (id serial primary key, body text); insert into posts (body) values ('a'), ('b');`,
    b: `create table articles (id serial primary key, body text);`,
    renames: ['posts=articles'],
    sql: [
      'ALTER TABLE "public"."posts" RENAME TO "articles";',
      'ALTER SEQUENCE "public"."posts_id_seq" RENAME TO "articles_id_seq";',
      'ALTER TABLE "public"."articles" RENAME CONSTRAINT "posts_pkey" TO "articles_pkey";',
    ],
    rows: [`select nextval('articles_id_seq')::int as n`, [{ n: 3 }]],
  },
  {
    name: 'table renamed and altered, a column renamed inside it',
    a: `create table posts (id int primary key, title text, body text); insert into posts values (1, 'T', 'B');`,
    b: `create table articles (id int primary key, headline text, body text, published boolean not null default false);`,
    renames: ['posts=articles', 'articles.title=articles.headline'],
    sql: [
      'ALTER TABLE "public"."posts" RENAME TO "articles";',
      'ALTER TABLE "public"."articles" RENAME COLUMN "title" TO "headline";',
      'ALTER TABLE "public"."articles" RENAME CONSTRAINT "posts_pkey" TO "articles_pkey";',
      'ALTER TABLE "public"."articles" ADD COLUMN "published" boolean DEFAULT false NOT NULL;',
    ],
    rows: ['select id, headline, body, published from articles', [{ id: 1, headline: 'T', body: 'B', published: false }]],
  },
];

for (const major of MAJORS) {
  describe(`every kind of rename on PostgreSQL ${major}`, { concurrency: true }, () => {
    let srv: TestServer;
    let dir: string;
    before(async () => {
      srv = await startTestServer(major);
      dir = await makeProject({});
    });
    after(() => srv?.stop());

    /** Plans a → b with the options; the plan applied to a leaves nothing to diff with b. */
    async function plan(a: string, b: string, options: Partial<RenameOptions>, scope?: Scope) {
      const [ua, ub] = [await srv.createDatabase('a'), await srv.createDatabase('b')];
      // As a migration runs (a stand-in's index options need it).
      await loadParser();
      for (const [url, sql] of [[ua, a], [ub, b]] as const) {
        const c = await connect(url, 'test');
        try {
          for (const s of splitStatements(sql, 'case')) await runStatement(c, s);
        } finally {
          await c.end();
        }
      }
      const [from, to] = await Promise.all([snapshot(ua, scope), snapshot(ub, scope)]);
      const context = { project: await loadProject(dir), profile: 'plain' as const, major, shadowUrl: srv.server.url() };
      const diff = await compareWithRenames(from, to, { renames: [], allowDataLoss: false, ...options, context }, silentLog);
      return {
        diff,
        url: ua,
        async apply() {
          await query(ua, `begin; ${diff.sql}; commit;`);
          assert.equal(compareSnapshots(await snapshot(ua, scope), to).sql, '', 'a second diff is empty');
        },
      };
    }

    for (const k of KIND_CASES) {
      test(`${k.name}: --rename keeps it, and what depends on it`, async () => {
        const p = await plan(k.a, k.b, { renames: k.renames.map(parseRename) });
        const steps = p.diff.plan.steps.map((s) => s.sql);
        assert.deepEqual(steps, k.sql);
        assert.ok(p.diff.plan.steps.every((s) => !s.hazards.some((h) => h.type === 'deletes_data')), 'no data-loss hazard');
        assert.deepEqual(p.diff.renames.decisions.filter((d) => d.by !== 'follow').map((d) => d.by), k.renames.map(() => 'flag'));
        await p.apply();
        if (k.rows) assert.deepEqual((await query(p.url, k.rows[0])).rows, k.rows[1]);
      });
    }

    test('undecided: data-holding kinds stop the plan with the flags that keep them; the others are dropped and created', async () => {
      const stop = (k: string) => KIND_CASES.find((c) => c.name.startsWith(k))!;
      for (const [name, flags] of [
        // Not also Old Area.items=New Area.items: the schema's rename says it.
        ['schema', '--rename Old Area=New Area'],
        ['enum value', '--rename public.mood.sad=public.mood.unhappy'],
        ['sequence', '--rename public.invoice_no=public.invoice_number'],
        ['table renamed', '--rename public.posts=public.articles'],
      ] as const) {
        const k = stop(name);
        await assert.rejects(plan(k.a, k.b, {}), (e: Error) => e.message.includes(`keep the data with ${flags}, or pass --allow-data-loss`), name);
      }
      const schema = stop('schema');
      const both = await plan(schema.a, schema.b, { renames: ['Old Area=New Area', 'Old Area.items=New Area.items'].map(parseRename) });
      assert.deepEqual(both.diff.plan.steps.map((s) => s.sql), schema.sql, 'a flag for a table of the renamed schema is taken as said');
      for (const name of ['view', 'function', 'index', 'constraint']) {
        const k = stop(name);
        const p = await plan(k.a, k.b, {});
        assert.equal(p.diff.renames.candidates.length, 1, name);
        assert.ok(p.diff.plan.steps.some((s) => s.op === 'drop') && p.diff.plan.steps.some((s) => s.op === 'create'), `${name}: dropped and created`);
        await p.apply();
      }
    });

    test('--yes confirms the candidates alike in all but their name; a table that also changes needs its flag', async () => {
      const seq = KIND_CASES.find((c) => c.name.startsWith('sequence'))!;
      const p = await plan(seq.a, seq.b, { yes: true });
      assert.deepEqual(p.diff.renames.decisions.map((d) => `${d.by} ${d.candidate.from}`), ['yes public.invoice_no']);
      const altered = KIND_CASES.find((c) => c.name.startsWith('table renamed'))!;
      await assert.rejects(
        plan(altered.a, altered.b, { yes: true }),
        /table public.posts dropped, public.articles created with most of its columns\): keep the data with --rename public.posts=public.articles/,
      );
      // Confirmed, its columns are matched inside it: the next stop names the column.
      await assert.rejects(plan(altered.a, altered.b, { renames: [parseRename('posts=articles')] }), /keep the data with --rename public.articles.title=public.articles.headline, or pass/);
    });

    test('a table whose column type comes from an extension outside the compared schemas (vector in extensions, as on Supabase), with an ivfflat index', async () => {
      const sql = (t: string) =>
        `create schema extensions; create extension vector with schema extensions; create table ${t} (id int, e extensions.vector(3)); create index emb on ${t} using ivfflat (e extensions.vector_l2_ops) with (lists = 10);`;
      const p = await plan(`${sql('docs')} insert into docs values (1, '[1,2,3]');`, sql('items'), { yes: true }, { profile: 'plain', excludeSchemas: ['extensions'] });
      assert.deepEqual(p.diff.plan.steps.map((s) => s.sql), ['ALTER TABLE "public"."docs" RENAME TO "items";']);
      await p.apply();
      assert.deepEqual((await query(p.url, 'select e::text from items')).rows, [{ e: '[1,2,3]' }]);
    });

    test('on a terminal, one question per candidate; a column answered no is dropped with its hazard', async () => {
      const questions: string[] = [];
      const p = await plan(`create table u (id int, mail text, nick text);`, `create table u (id int, email text, handle text);`, {
        ask: async (question) => (questions.push(question), question.includes('mail')),
      });
      assert.deepEqual(questions, [
        'Rename column public.u.mail to public.u.email, keeping its data? (no: drop it and create public.u.email empty)',
        // nick=email is settled by the yes for mail=email, mail=handle likewise.
        'Rename column public.u.nick to public.u.handle, keeping its data? (no: drop it and create public.u.handle empty)',
      ]);
      assert.deepEqual(p.diff.renames.decisions.map((d) => `${d.by} ${d.candidate.from}=${d.candidate.to}`), ['prompt public.u.mail=public.u.email', 'declined public.u.nick=public.u.handle']);
      assert.ok(p.diff.plan.steps.some((s) => /DROP COLUMN "nick"/.test(s.sql) && s.hazards.some((h) => h.type === 'deletes_data')));
      await p.apply();
    });
  });
}
