/**
 * Named environments (dbalign.toml), --env wherever --remote goes, and
 * `status --all` / `check --all` across several databases of one server:
 * one aligned, one with a pending migration and a remote-only version, one
 * drifted by hand (an index and an edited migration), one unreachable.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findEnvironment, parseEnvironments, environmentUrl, loadEnvironments } from '../src/migrations/environments.js';
import { collect, MAJORS, ROOT, makeProject, runCli, startTestServer, writeMigration, type CliResult, type TestServer } from './helpers/pg.js';

const INIT = '20240101000000_init.sql';
const MORE = '20240102000000_more.sql';

function toml(envs: Record<string, { variable?: string; url?: string; role?: string }>): string {
  return Object.entries(envs)
    .map(([name, e]) => `[environments.${name}]\n${e.variable ? `url_env = "${e.variable}"` : `url = "${e.url}"`}\n${e.role ? `role = "${e.role}"\n` : ''}`)
    .join('\n');
}

function assertNoPassword(results: CliResult[], password: string): void {
  for (const r of results) {
    assert.ok(!r.stdout.includes(password) && !r.stderr.includes(password), `a password leaked: ${r.stdout}${r.stderr}`);
  }
}

describe('dbalign.toml', () => {
  test('environments: url_env, env(VAR), a URL without a password; roles; names listed when one is unknown', async () => {
    const envs = parseEnvironments({
      environments: {
        staging: { url_env: 'STAGING_DB_URL', role: 'staging' },
        production: { url: 'env(PROD_DB_URL)', role: 'production' },
        replica: { url: 'postgresql://reader@db.example.com:5432/app' },
      },
    });
    assert.deepEqual(envs, [
      { name: 'staging', role: 'staging', variable: 'STAGING_DB_URL' },
      { name: 'production', role: 'production', variable: 'PROD_DB_URL' },
      { name: 'replica', url: 'postgresql://reader@db.example.com:5432/app' },
    ]);
    const config = { file: 'dbalign.toml', environments: envs };
    assert.equal(findEnvironment(config, 'production').variable, 'PROD_DB_URL');
    assert.throws(() => findEnvironment(config, 'prod'), /no environment "prod" in dbalign\.toml: the known ones are staging, production, replica$/);
    assert.throws(() => findEnvironment(undefined, 'prod'), /has no dbalign\.toml/);
    assert.equal(environmentUrl(envs[0]!, { STAGING_DB_URL: 'postgresql://u:pw@h/db' }), 'postgresql://u:pw@h/db');
    assert.throws(() => environmentUrl(envs[0]!, {}), /environment "staging" takes its URL from STAGING_DB_URL, which is not set: export STAGING_DB_URL=/);
    assert.throws(() => environmentUrl(envs[0]!, { STAGING_DB_URL: 'mysql://h/db' }), /malformed environment "staging" \(\$STAGING_DB_URL\) URL/);
    assert.equal(environmentUrl(envs[2]!, {}), 'postgresql://reader@db.example.com:5432/app');
  });

  test('a password in the file, unknown keys, both or neither URL key: one line saying what to write', () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ environments: { prod: { url: 'postgresql://postgres:hunter22@db.example.com/postgres' } } }, /\[environments\.prod\]: url holds a password; keep passwords out of files: put the URL in an environment variable and write url_env = "VARIABLE"/],
      [{ environments: { prod: { url: 'postgresql://postgres@db.example.com/postgres?password=hunter22' } } }, /url holds a password/],
      [{ environments: { prod: { url_env: 'PROD', password: 'x' } } }, /\[environments\.prod\]: unknown key "password"; the keys are url, url_env, role/],
      [{ environments: { prod: { url_env: 'PROD', url: 'env(PROD)' } } }, /and not both/],
      [{ environments: { prod: { role: 'production' } } }, /give the URL's environment variable/],
      [{ environments: { prod: { url_env: 'not a name' } } }, /url_env must name an environment variable/],
      [{ environments: { 'a b': { url_env: 'X' } } }, /a name is letters, digits/],
      [{ environments: { prod: 'postgresql://h/db' } }, /must be a table/],
      [{ remotes: {} }, /dbalign\.toml: unknown key "remotes"; it holds \[environments\.<name>\] tables only/],
    ];
    for (const [doc, re] of bad) {
      assert.throws(() => parseEnvironments(doc), (err: Error) => {
        assert.match(err.message, re);
        assert.ok(!err.message.includes('hunter22'), err.message);
        assert.ok(!err.message.includes('\n'));
        return true;
      });
    }
  });

  test('no file: no environments; a broken file: one line', async () => {
    const dir = await makeProject();
    assert.equal(await loadEnvironments(dir), undefined);
    await fs.writeFile(path.join(dir, 'dbalign.toml'), '[environments.prod\nurl_env = "X"\n');
    await assert.rejects(loadEnvironments(dir), /^DbalignError: dbalign\.toml is not valid TOML \(.*\): fix it and run again$/);
  });

  // The choice of a file of its own, not a [dbalign] section of config.toml: the Supabase CLI
  // 2.117.0 refuses a config.toml with keys it does not know in the commands its Go half runs.
  test('the real Supabase CLI refuses a [dbalign] section in config.toml and ignores dbalign.toml', async () => {
    const home = await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-cli-home-'));
    const run = (cwd: string) =>
      collect(
        spawn(path.join(ROOT, 'node_modules', '.bin', 'supabase'), ['db', 'diff', '--use-pg-schema', '--db-url', 'postgresql://postgres:postgres@127.0.0.1:1/postgres?sslmode=disable'], {
          cwd,
          // No Docker is reached, whatever the machine has: the run stops right after the config.
          env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
          stdio: ['pipe', 'pipe', 'pipe'],
        }),
      );
    const config = '[db]\nmajor_version = 17\n';
    const section = await makeProject({ 'supabase/config.toml': `${config}\n[dbalign.environments.staging]\nurl_env = "STAGING_DB_URL"\n` });
    const own = await makeProject({ 'supabase/config.toml': config, 'dbalign.toml': toml({ staging: { variable: 'STAGING_DB_URL' } }) });
    try {
      const [refused, accepted] = await Promise.all([run(section), run(own)]);
      assert.notEqual(refused.code, 0);
      assert.match(refused.stdout + refused.stderr, /failed to parse config[\s\S]*invalid keys: dbalign/);
      assert.notEqual(accepted.code, 0, 'no Docker: the diff itself cannot run');
      assert.doesNotMatch(accepted.stdout + accepted.stderr, /failed to parse config|invalid keys/);
    } finally {
      await fs.rm(home, { recursive: true, force: true });
    }
  });
});

for (const major of MAJORS) {
  describe(`environments on PostgreSQL ${major}`, { concurrency: true }, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    test('--env works where --remote does; unknown names, --env with --remote, an unset variable: one line, exit 1', async () => {
      const url = await srv.createDatabase('envone');
      const dir = await makeProject({ [`supabase/migrations/${INIT}`]: 'create table t (id int primary key);', 'dbalign.toml': toml({ staging: { variable: 'STAGING_URL', role: 'staging' } }) });
      const env = { STAGING_URL: url };
      const results: CliResult[] = [];
      const cli = async (args: string[], vars: Record<string, string | undefined> = env) => {
        const r = await runCli(args, { cwd: dir, env: vars });
        results.push(r);
        return r;
      };
      const pushed = await cli(['push', '--yes', '--no-backup', '--env', 'staging']);
      assert.equal(pushed.code, 0, pushed.stderr);
      const [status, check, diff, guard] = await Promise.all([
        cli(['status', '--json', '--env', 'staging']),
        // DBALIGN_REMOTE_URL pointing elsewhere does not win over --env.
        cli(['check', '--json', '--env', 'staging', '--shadow', srv.server.url()], { ...env, DBALIGN_REMOTE_URL: 'postgresql://u:p@127.0.0.1:1/none' }),
        cli(['diff', '--from', 'migrations', '--to', 'remote', '--env', 'staging', '--shadow', srv.server.url(), '--exit-code']),
        cli(['guard', 'install', '--json', '--env', 'staging']),
      ]);
      assert.equal(status.code, 0, status.stderr);
      assert.equal(JSON.parse(status.stdout).aligned, true);
      assert.equal(check.code, 0, check.stderr);
      assert.equal(diff.code, 0, diff.stderr);
      assert.equal(guard.code, 0, guard.stderr);
      await srv.query(url, 'create index t_hand on t (id)');
      const drift = await cli(['check', '--json', '--env', 'staging', '--shadow', srv.server.url()]);
      assert.equal(drift.code, 2);
      assert.equal(JSON.parse(drift.stdout).ddlOutsideDbalign.length, 1);

      const [unknown, both, unset, json] = await Promise.all([
        cli(['status', '--env', 'prod']),
        cli(['push', '--env', 'staging', '--remote', url]),
        cli(['backup', '--env', 'staging'], {}),
        cli(['status', '--json', '--env', 'nope']),
      ]);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /^error: no environment "prod" in dbalign\.toml: the known ones are staging\n$/);
      assert.equal(both.code, 1);
      assert.match(both.stderr, /--env and --remote both name the remote database: give one of them/);
      assert.equal(unset.code, 1);
      assert.match(unset.stderr, /^error: environment "staging" takes its URL from STAGING_URL, which is not set: export STAGING_URL=postgresql:\/\/…\n$/);
      assert.equal(json.code, 1);
      assert.match(JSON.parse(json.stdout).error, /no environment "nope"/);
      assertNoPassword(results, srv.server.password);
    });

    test('status --all and check --all: one table, every environment, the unreachable one in its row', async () => {
      const [aligned, pending, drifted] = await Promise.all([srv.createDatabase('aligned'), srv.createDatabase('pending'), srv.createDatabase('drifted')]);
      const broken = aligned.replace(/@127\.0\.0\.1:\d+/, '@127.0.0.1:1');
      const dir = await makeProject({
        [`supabase/migrations/${INIT}`]: 'create table t (id int primary key);',
        'dbalign.toml': toml({
          aligned: { variable: 'ALIGNED_URL', role: 'production' },
          pending: { variable: 'PENDING_URL', role: 'staging' },
          drifted: { url: 'env(DRIFTED_URL)' },
          broken: { variable: 'BROKEN_URL' },
        }),
      });
      const env = { ALIGNED_URL: aligned, PENDING_URL: pending, DRIFTED_URL: drifted, BROKEN_URL: broken };
      const results: CliResult[] = [];
      const cli = async (args: string[]) => {
        const r = await runCli(args, { cwd: dir, env });
        results.push(r);
        return r;
      };
      assert.equal((await cli(['push', '--yes', '--no-backup', '--env', 'pending'])).code, 0);
      await writeMigration(dir, MORE, 'create table more (a int);');
      const pushes = await Promise.all(['aligned', 'drifted'].map((e) => cli(['push', '--yes', '--no-backup', '--env', e])));
      for (const p of pushes) assert.equal(p.code, 0, p.stderr);
      // pending: a hotfix recorded with no file; drifted: an index by hand, and the first file edited after it ran.
      await srv.query(pending, `insert into supabase_migrations.schema_migrations (version, name, statements) values ('20231201000000', 'hotfix', '{}')`);
      await srv.query(drifted, 'create index t_hand on t (id)');
      await srv.query(drifted, `update supabase_migrations.schema_migrations set statements = '{"create table t (id bigint primary key)"}' where version = '20240101000000'`);

      const status = await cli(['status', '--all', '--json']);
      assert.equal(status.code, 1, 'an environment could not be read');
      const s = JSON.parse(status.stdout);
      assert.equal(s.aligned, false);
      assert.deepEqual(s.unreachable, ['broken']);
      assert.deepEqual(
        s.migrations.map((m: any) => [m.version, m.local, m.environments]),
        [
          ['20231201000000', false, { aligned: null, pending: 'remote-only', drifted: null, broken: null }],
          ['20240101000000', true, { aligned: 'applied', pending: 'applied', drifted: 'modified', broken: null }],
          ['20240102000000', true, { aligned: 'applied', pending: 'pending', drifted: 'applied', broken: null }],
        ],
      );
      const byName = Object.fromEntries(s.environments.map((e: any) => [e.name, e]));
      assert.deepEqual(byName.aligned.history, { aligned: true, applied: ['20240101000000', '20240102000000'], pending: [], remoteOnly: [], modified: [], outOfOrder: [] });
      assert.equal(byName.aligned.role, 'production');
      assert.equal(byName.aligned.source, '$ALIGNED_URL');
      assert.deepEqual([byName.pending.history.pending, byName.pending.history.remoteOnly], [['20240102000000'], ['20231201000000']]);
      assert.deepEqual(byName.drifted.history.modified, ['20240101000000']);
      assert.equal(byName.broken.reachable, false);
      assert.match(byName.broken.error, /^cannot reach the broken environment database 127\.0\.0\.1:1\/.*connection refused/);

      const text = await cli(['status', '--all']);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /Version\s+│ Name\s+│ Local │ aligned\s+│ pending\s+│ drifted\s+│ broken/);
      assert.match(text.stdout, /20231201000000 │ hotfix │\s+│\s+│ remote only │\s+│ \?/);
      assert.match(text.stdout, /pending \(staging\) at 127\.0\.0\.1:\d+\/pending_\S+ \[\$PENDING_URL\]: history drift: 1 pending, 1 only there/);
      assert.match(text.stdout, /broken \[\$BROKEN_URL\]|broken at 127\.0\.0\.1:1\/\S+ \[\$BROKEN_URL\]: not read: cannot reach/);
      assert.match(text.stderr, /Not aligned: pending, drifted\. Not read: broken\./);

      const check = await cli(['check', '--all', '--json', '--shadow', srv.server.url()]);
      assert.equal(check.code, 1, check.stderr);
      const c = JSON.parse(check.stdout);
      assert.equal(c.shadows.length, 1, 'the migrations are built once for every environment');
      const cBy = Object.fromEntries(c.environments.map((e: any) => [e.name, e]));
      assert.deepEqual([cBy.aligned.aligned, cBy.aligned.schema], [true, { checked: true, aligned: true, differences: [], sql: '' }]);
      assert.deepEqual(cBy.pending.schema.differences, [{ key: 'table "public"."more"', kind: 'table', op: 'drop' }]);
      assert.deepEqual(cBy.drifted.schema.differences, [{ key: 'index "public"."t_hand"', kind: 'index', op: 'create' }]);
      assert.match(cBy.drifted.schema.sql, /CREATE INDEX t_hand ON public\.t/);
      assert.equal(cBy.broken.reachable, false);
      assert.equal(cBy.broken.schema.checked, false);

      // Without the unreachable one: 2 for drift; with the aligned one alone: 0.
      await fs.writeFile(path.join(dir, 'dbalign.toml'), toml({ aligned: { variable: 'ALIGNED_URL' }, pending: { variable: 'PENDING_URL' }, drifted: { variable: 'DRIFTED_URL' } }));
      const drift = await cli(['check', '--all', '--shadow', srv.server.url()]);
      assert.equal(drift.code, 2, drift.stderr);
      assert.match(drift.stdout, /drifted at \S+ \[\$DRIFTED_URL\]: history drift: 1 modified after being applied; schema drift \(1 object\(s\): create index "public"\."t_hand"\)/);
      assert.match(drift.stdout, /aligned at \S+ \[\$ALIGNED_URL\]: history aligned \(2 applied\); schema aligned/);
      await fs.writeFile(path.join(dir, 'dbalign.toml'), toml({ aligned: { variable: 'ALIGNED_URL' } }));
      const ok = await cli(['check', '--all', '--json', '--shadow', srv.server.url()]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(JSON.parse(ok.stdout).aligned, true);
      const okStatus = await cli(['status', '--all']);
      assert.equal(okStatus.code, 0);
      assert.match(okStatus.stderr, /All 1 environment\(s\) aligned\./);

      const withRemote = await cli(['check', '--all', '--remote', aligned]);
      assert.equal(withRemote.code, 1);
      assert.match(withRemote.stderr, /--all reads every environment of dbalign\.toml: leave out --remote/);
      const withEnv = await cli(['status', '--all', '--env', 'aligned']);
      assert.equal(withEnv.code, 1);
      assert.match(withEnv.stderr, /--all reads every environment of dbalign\.toml: leave out --env/);
      const writes = await srv.query(aligned, 'select count(*)::int as n from supabase_migrations.schema_migrations');
      assert.equal(writes.rows[0].n, 2, 'status and check wrote nothing');
      assertNoPassword(results, srv.server.password);
    });
  });
}
