import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseRename, renameCandidates } from '../src/procedure/renames.js';
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
      assert.match(wrong.stderr, /--rename public.users.name=public.users.email matches no rename candidate \(a column dropped and one created alike\): the candidates are public.posts=public.articles, public.users.mail=public.users.email/);

      const lossy = await runCli(['new', 'lossy', '--from-schemas', '--allow-data-loss', '--json', ...flags], { cwd: dir });
      assert.equal(lossy.code, 0, lossy.stderr);
      const l = JSON.parse(lossy.stdout);
      assert.match(l.sql, /DROP TABLE "public"."posts"/);
      assert.match(l.sql, /-- hazard: deletes data/);
      await fs.rm(path.join(dir, l.file));

      const kept = await runCli(['new', 'rename', '--from-schemas', '--json', '--rename', 'posts=articles', '--rename', 'public.users.mail=public.users.email', ...flags], { cwd: dir });
      assert.equal(kept.code, 0, kept.stderr);
      const k = JSON.parse(kept.stdout);
      assert.deepEqual(k.renames.decisions.map((d: { by: string; candidate: { from: string } }) => `${d.by} ${d.candidate.from}`), ['flag public.posts', 'flag public.users.mail']);
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
      assert.equal(p.renames.decisions[0].by, 'prompt');
      await writeMigration(dir, '20990101000000_noop.sql', '');
      const check = await runCli(['diff', '--from', 'migrations', '--to', 'remote', '--exit-code', '--remote', remote, '--shadow', srv.server.url(), '--profile', 'plain'], { cwd: dir });
      assert.equal(check.code, 0, check.stdout + check.stderr);
    });
  });
}
