/**
 * The real Supabase CLI (the pinned devDependency) as the oracle: for each
 * kind of project, one database is pushed, repaired and seeded by the
 * Supabase CLI and read by dbalign, another by dbalign and read by the CLI.
 * Both tools must list the same versions on both sides, neither may have
 * anything left to push, and the history rows of the two databases must be
 * identical.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { collect, MAJORS, ROOT, makeProject, runCli, startTestServer, type CliResult, type TestServer } from './helpers/pg.js';

const SUPABASE_BIN = path.join(ROOT, 'node_modules', '.bin', 'supabase');
const SUPABASE_VERSION = '2.117.0';

/** The binary starts slowly: this many processes (either tool) run at once. */
const PARALLEL = 4;
let running = 0;
const waiting: Array<() => void> = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

let cliHome: string;

function supabase(args: string[], cwd: string): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: cliHome,
    NO_COLOR: '1',
    // No telemetry and no update check: the tests need no network but the database's.
    SUPABASE_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
  };
  return slot(() => collect(spawn(SUPABASE_BIN, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] })));
}

const dbalign = (args: string[], cwd: string) => slot(() => runCli(args, { cwd }));

/** The CLI talks to the embedded server without TLS. */
const cliUrl = (url: string) => `${url}?sslmode=disable`;

type Tool = 'supabase' | 'dbalign';

type Step =
  | { push: true }
  | { repair: 'applied' | 'reverted'; versions: string[] }
  | { write: Record<string, string> };

interface Scenario {
  name: string;
  files: Record<string, string>;
  /** Migration files created as symbolic links: link → target, both relative to the project. */
  symlinks?: Record<string, string>;
  /** SQL run on the database before the steps (what an older tool left there). */
  setup?: string;
  steps?: Step[];
  /** A query whose rows must be the same on both databases, besides the tables. */
  compare?: string;
  /** Known gaps, by check, with the reason. */
  todo?: Partial<Record<'supabase→dbalign' | 'dbalign→supabase' | 'rows', string>>;
}

const FILES_BRANCH = 'needs the migration file handling of issue 11 (files branch)';

const SCENARIOS: Scenario[] = [
  {
    name: 'an ordinary project with a seed',
    files: {
      'supabase/migrations/20240101000000_create_todos.sql': 'create table public.todos (id bigint generated always as identity primary key, title text not null);\n',
      'supabase/migrations/20240102000000_add_done.sql':
        "alter table public.todos add column done boolean not null default false;\ncreate function public.done_count() returns bigint language sql as $$ select count(*) from public.todos where done $$;\n",
      'supabase/seed.sql': "insert into public.todos (title) values ('one'), ('two');\n",
    },
    compare: 'select title, done from public.todos order by id',
  },
  {
    name: 'a file wrapped in BEGIN … COMMIT',
    files: {
      'supabase/migrations/20240101000000_wrapped.sql':
        "-- made by hand\nBEGIN;\ncreate table public.w (id int primary key);\ncreate function public.w_one() returns int language plpgsql as $$ begin return 1; end; $$;\nCOMMIT;\n",
      'supabase/migrations/20240102000000_after.sql': 'alter table public.w add column note text;\n',
    },
  },
  {
    name: 'empty and comment-only files',
    files: {
      'supabase/migrations/20240101000000_first.sql': 'create table public.e (id int);\n',
      'supabase/migrations/20240102000000_empty.sql': '',
      'supabase/migrations/20240103000000_comment_only.sql': '-- nothing here yet\n/* still nothing */\n',
    },
  },
  {
    name: 'versions of different lengths',
    files: {
      // As file names sort, 20240104120000 comes before 20240105; as numbers, after.
      'supabase/migrations/20240104120000_create.sql': 'create table public.v (id int);\n',
      'supabase/migrations/20240105_alter.sql': 'alter table public.v add column late text;\n',
    },
  },
  {
    name: '002_x and 2_y, two versions',
    files: {
      'supabase/migrations/002_x.sql': 'create table public.x (id int);\n',
      'supabase/migrations/2_y.sql': 'create table public.y (id int);\n',
    },
  },
  {
    name: 'a symlinked migration file',
    files: {
      'supabase/migrations/20240101000000_plain.sql': 'create table public.p (id int);\n',
      'shared/linked.sql': 'create table public.linked (id int);\n',
    },
    symlinks: { 'supabase/migrations/20240102000000_linked.sql': '../../shared/linked.sql' },
  },
  {
    name: 'the legacy first <version>_init.sql',
    files: {
      'supabase/migrations/20211208000000_init.sql': 'create table public.legacy_init (id int);\n',
      'supabase/migrations/20240101000000_next.sql': 'create table public.after_init (id int);\n',
    },
  },
  {
    name: '-- pg-delta: transaction=false',
    files: {
      'supabase/migrations/20240101000000_type.sql': "create type public.mood as enum ('sad');\n",
      'supabase/migrations/20240102000000_add_value.sql':
        "-- pg-delta: transaction=false\nalter type public.mood add value 'happy';\ncreate table public.m (x public.mood default 'happy');\n",
    },
  },
  {
    name: 'a seed file that changed after it ran',
    files: {
      'supabase/migrations/20240101000000_s.sql': 'create table public.s (n int);\n',
      'supabase/seed.sql': 'insert into public.s values (1);\n',
    },
    steps: [{ push: true }, { write: { 'supabase/seed.sql': 'insert into public.s values (2);\n' } }, { push: true }],
    compare: 'select n from public.s order by n',
  },
  {
    name: 'a history table made by an old CLI (version alone)',
    setup: `create schema supabase_migrations;
      create table supabase_migrations.schema_migrations (version text primary key);
      insert into supabase_migrations.schema_migrations values ('20240101000000');
      create table public.old (id int);`,
    files: {
      'supabase/migrations/20240101000000_old.sql': 'create table public.old (id int);\n',
      'supabase/migrations/20240102000000_new.sql': 'create table public.new (id int);\n',
    },
  },
  {
    name: 'repair applied and reverted',
    setup: `create schema supabase_migrations;
      create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
      insert into supabase_migrations.schema_migrations values ('20230101000000', '{"create table gone (id int)"}', 'gone');
      create table public.r (id int);`,
    files: {
      'supabase/migrations/20240101000000_r.sql': 'create table public.r (id int);\n',
      'supabase/migrations/20240102000000_r2.sql': 'alter table public.r add column b int;\n',
    },
    steps: [{ repair: 'reverted', versions: ['20230101000000'] }, { repair: 'applied', versions: ['20240101000000'] }, { push: true }],
  },
];

async function projectFor(s: Scenario): Promise<string> {
  const dir = await makeProject(s.files);
  for (const [link, target] of Object.entries(s.symlinks ?? {})) await fs.symlink(target, path.join(dir, link));
  return dir;
}

function expectOk(what: string, res: CliResult): void {
  assert.equal(res.code, 0, `${what} exited ${res.code}:\n${res.stdout}${res.stderr}`);
}

/** Runs the scenario's steps with one tool. */
async function runSteps(tool: Tool, s: Scenario, dir: string, url: string): Promise<void> {
  for (const step of s.steps ?? [{ push: true }]) {
    if ('write' in step) {
      for (const [rel, text] of Object.entries(step.write)) await fs.writeFile(path.join(dir, rel), text);
    } else if ('repair' in step) {
      const res =
        tool === 'supabase'
          ? await supabase(['migration', 'repair', '--db-url', cliUrl(url), '--status', step.repair, ...step.versions, '--yes'], dir)
          : await dbalign(['repair', '--remote', url, '--status', step.repair, ...step.versions, '--yes'], dir);
      expectOk(`${tool} repair --status ${step.repair}`, res);
    } else {
      const res =
        tool === 'supabase'
          ? await supabase(['db', 'push', '--db-url', cliUrl(url), '--include-all', '--include-seed', '--yes'], dir)
          : await dbalign(['push', '--remote', url, '--include-all', '--include-seed', '--yes'], dir);
      expectOk(`${tool} push`, res);
    }
  }
}

interface ListRow {
  local: string;
  remote: string;
}

/** The rows of `supabase migration list`: `Local | Remote | Time`. */
function parseCliList(stdout: string): ListRow[] {
  return stdout
    .split('\n')
    .filter((l) => l.includes('|') && !/Local\s*\|/.test(l) && !/^[\s|-]+$/.test(l))
    .map((l) => {
      const [local = '', remote = ''] = l.split('|').map((c) => c.replace(/`/g, '').trim());
      return { local, remote };
    });
}

/** Both tools list the same versions on both sides, and neither has anything to push. */
async function checkReads(s: Scenario, dir: string, url: string): Promise<void> {
  const [list, status, cliDry, ownDry] = await Promise.all([
    supabase(['migration', 'list', '--db-url', cliUrl(url)], dir),
    dbalign(['status', '--json', '--remote', url], dir),
    supabase(['db', 'push', '--dry-run', '--db-url', cliUrl(url), '--include-all', '--include-seed'], dir),
    dbalign(['push', '--dry-run', '--include-all', '--include-seed', '--remote', url], dir),
  ]);
  expectOk('supabase migration list', list);
  expectOk('dbalign status --json', status);
  const cliRows = parseCliList(list.stdout);
  const ours: ListRow[] = JSON.parse(status.stdout).migrations.map((m: { version: string; local: boolean; remote: boolean }) => ({
    local: m.local ? m.version : '',
    remote: m.remote ? m.version : '',
  }));
  assert.deepEqual(ours, cliRows, `${s.name}: dbalign status and supabase migration list differ`);
  for (const r of cliRows) assert.equal(r.local, r.remote, `${s.name}: supabase migration list shows ${r.local || r.remote} on one side only`);
  assert.equal(JSON.parse(status.stdout).aligned, true, `${s.name}: dbalign status says not aligned:\n${status.stdout}`);
  expectOk('supabase db push --dry-run', cliDry);
  assert.match(cliDry.stdout + cliDry.stderr, /Remote database is up to date\./, `${s.name}: the Supabase CLI would push more`);
  expectOk('dbalign push --dry-run', ownDry);
  assert.match(ownDry.stderr, /Remote database is up to date\./, `${s.name}: dbalign would push more:\n${ownDry.stdout}`);
}

async function historyRows(srv: TestServer, url: string): Promise<{ migrations: unknown[]; seeds: unknown[]; tables: unknown[] }> {
  const migrations = (await srv.query(url, 'select version, name, statements from supabase_migrations.schema_migrations order by version')).rows;
  const seeds = (
    await srv.query(url, `select path, hash from supabase_migrations.seed_files where to_regclass('supabase_migrations.seed_files') is not null order by path`).catch(() => ({ rows: [] }))
  ).rows;
  const tables = (
    await srv.query(url, `select table_name, column_name from information_schema.columns where table_schema = 'public' order by 1, ordinal_position`)
  ).rows;
  return { migrations, seeds, tables };
}

interface Prepared {
  dir: string;
  url: string;
  error?: unknown;
}

before(async () => {
  cliHome = await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-supabase-home-'));
});
after(() => fs.rm(cliHome, { recursive: true, force: true }));

test(`the Supabase CLI devDependency runs (${SUPABASE_VERSION})`, async () => {
  cliHome ??= await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-supabase-home-'));
  const res = await supabase(['--version'], ROOT);
  expectOk('supabase --version', res);
  assert.equal(res.stdout.trim(), SUPABASE_VERSION);
});

for (const major of MAJORS) {
  describe(`Supabase CLI ${SUPABASE_VERSION} and dbalign on PostgreSQL ${major}`, { concurrency: true }, () => {
    let srv: TestServer;
    const prepared = new Map<string, Promise<Record<Tool, Prepared>>>();
    before(async () => {
      srv = await startTestServer(major);
    });
    after(() => srv?.stop());

    /** Both databases of a scenario, each written by one tool; started once, by whichever test asks first. */
    function prepare(s: Scenario): Promise<Record<Tool, Prepared>> {
      let p = prepared.get(s.name);
      if (!p) {
        const one = async (tool: Tool): Promise<Prepared> => {
          const dir = await projectFor(s);
          const url = await srv.createDatabase(tool === 'supabase' ? 'by_cli' : 'by_dbalign');
          if (s.setup) await srv.query(url, s.setup);
          try {
            await runSteps(tool, s, dir, url);
            return { dir, url };
          } catch (error) {
            return { dir, url, error };
          }
        };
        p = Promise.all([one('supabase'), one('dbalign')]).then(([supabase, dbalign]) => ({ supabase, dbalign }));
        prepared.set(s.name, p);
      }
      return p;
    }

    for (const s of SCENARIOS) {
      test(`${s.name}: the Supabase CLI writes, both tools read it as up to date`, s.todo?.['supabase→dbalign'] ? { todo: s.todo['supabase→dbalign'] } : {}, async () => {
        const { supabase: by } = await prepare(s);
        if (by.error) throw by.error;
        await checkReads(s, by.dir, by.url);
      });
      test(`${s.name}: dbalign writes, both tools read it as up to date`, s.todo?.['dbalign→supabase'] ? { todo: s.todo['dbalign→supabase'] } : {}, async () => {
        const { dbalign: by } = await prepare(s);
        if (by.error) throw by.error;
        await checkReads(s, by.dir, by.url);
      });
      test(`${s.name}: the history rows and tables are identical`, s.todo?.rows ? { todo: s.todo.rows } : {}, async () => {
        const both = await prepare(s);
        for (const t of ['supabase', 'dbalign'] as const) if (both[t].error) throw both[t].error;
        const [a, b] = await Promise.all([historyRows(srv, both.supabase.url), historyRows(srv, both.dbalign.url)]);
        assert.deepEqual(b.migrations, a.migrations, `${s.name}: schema_migrations differ (actual: dbalign, expected: Supabase CLI)`);
        assert.deepEqual(b.seeds, a.seeds, `${s.name}: seed_files differ (actual: dbalign, expected: Supabase CLI)`);
        assert.deepEqual(b.tables, a.tables, `${s.name}: the tables differ`);
        if (s.compare) {
          const [ra, rb] = await Promise.all([srv.query(both.supabase.url, s.compare), srv.query(both.dbalign.url, s.compare)]);
          assert.deepEqual(rb.rows, ra.rows, `${s.name}: ${s.compare}`);
        }
      });
    }
  });
}
