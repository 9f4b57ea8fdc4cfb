import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadEnvironments } from '../src/migrations/environments.js';
import { inShard, parseShard, resolveTargets, shardOf, type FleetTarget } from '../src/procedure/fleet.js';
import { MAJORS, makeProject, runCli, startTestServer, writeMigration, type TestServer } from './helpers/pg.js';

const ACCOUNTS = 'create table accounts (id int primary key, email text);';

/** Every file under `dir`, read as text. */
async function readAll(dir: string): Promise<string> {
  let text = '';
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) text += await fs.readFile(path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name), 'utf8');
  }
  return text;
}

describe('fleet targets and shards', () => {
  test('a targets file: variables, $VAR, literal URLs without a password, comments, JSON lists', async () => {
    const dir = await makeProject();
    const env = { A_URL: 'postgresql://u:secret1@h1:5432/a', B_URL: 'postgresql://u:secret2@h2:5432/b' };
    await fs.writeFile(path.join(dir, 'targets.txt'), '# tenants\nA_URL\n\n$B_URL\npostgresql://reader@h3:6543/c\n');
    assert.deepEqual(await resolveTargets(path.join(dir, 'targets.txt'), env), [
      { name: 'A_URL', url: env.A_URL },
      { name: 'B_URL', url: env.B_URL },
      { name: 'h3:6543/c', url: 'postgresql://reader@h3:6543/c' },
    ]);
    await fs.writeFile(path.join(dir, 'targets.json'), JSON.stringify(['A_URL', { name: 'tenant-b', url_env: 'B_URL' }]));
    assert.deepEqual(await resolveTargets(path.join(dir, 'targets.json'), env), [
      { name: 'A_URL', url: env.A_URL },
      { name: 'tenant-b', url: env.B_URL },
    ]);
    const refused = async (content: string, pattern: RegExp) => {
      await fs.writeFile(path.join(dir, 'bad.txt'), content);
      await assert.rejects(resolveTargets(path.join(dir, 'bad.txt'), env), (err: Error) => {
        assert.match(err.message, pattern);
        assert.doesNotMatch(err.message, /hunter2/);
        return true;
      });
    };
    await refused('A_URL\npostgresql://u:hunter2@h/db\n', /bad\.txt line 2: a URL with a password \(postgresql:\/\/u:\*\*\*\*@h\/db\); put the URL in an environment variable/);
    await refused('postgresql://u@h/db?password=hunter2\n', /a URL with a password/);
    await refused('A_URL\nMISSING_URL\n', /environment variable\(s\) that are not set: MISSING_URL/);
    await refused('A_URL\n$A_URL\n', /lists A_URL twice/);
    await refused('not a url\n', /line 1 is neither an environment of dbalign\.toml, an environment variable name nor a postgresql:\/\/ URL/);
    await refused('[{"name": "x"}]', /item 1: give a variable name/);
    await refused('# nothing\n', /lists no target/);
  });

  test('a targets file names dbalign.toml environments; their URLs come from their variables', async () => {
    const dir = await makeProject({
      'dbalign.toml': '[environments.staging]\nurl_env = "STAGING_DB_URL"\n\n[environments.eu-prod]\nurl_env = "EU_PROD_DB_URL"\nrole = "production"\n',
    });
    const environments = await loadEnvironments(dir);
    const env = { STAGING_DB_URL: 'postgresql://u:s1@h1:5432/staging', EU_PROD_DB_URL: 'postgresql://u:s2@h2:5432/eu', A_URL: 'postgresql://u:s3@h3/a' };
    await fs.writeFile(path.join(dir, 'targets.txt'), 'staging\neu-prod\nA_URL\n');
    assert.deepEqual(await resolveTargets(path.join(dir, 'targets.txt'), env, environments), [
      { name: 'staging', url: env.STAGING_DB_URL },
      { name: 'eu-prod', url: env.EU_PROD_DB_URL },
      { name: 'A_URL', url: env.A_URL },
    ]);
    await fs.writeFile(path.join(dir, 'targets.json'), JSON.stringify(['staging']));
    assert.deepEqual(await resolveTargets(path.join(dir, 'targets.json'), env, environments), [{ name: 'staging', url: env.STAGING_DB_URL }]);
    await assert.rejects(resolveTargets(path.join(dir, 'targets.txt'), { A_URL: env.A_URL }, environments), (err: Error) => {
      assert.match(err.message, /targets\.txt line 1: environment "staging" takes its URL from STAGING_DB_URL, which is not set/);
      return true;
    });
    // Without dbalign.toml a name with a dash is not a target.
    await assert.rejects(resolveTargets(path.join(dir, 'targets.txt'), env), /line 2 is neither an environment of dbalign\.toml/);
  });

  test('shards partition the targets exactly and stay put when a target is added', () => {
    const targets: FleetTarget[] = Array.from({ length: 300 }, (_, i) => ({ name: `TENANT_${i}_URL`, url: 'postgresql://h/db' }));
    for (const count of [1, 2, 3, 7]) {
      const shards = Array.from({ length: count }, (_, i) => inShard(targets, { index: i + 1, count }).map((t) => t.name));
      assert.deepEqual(shards.flat().sort(), targets.map((t) => t.name).sort(), `every target in exactly one of ${count} shards`);
      if (count === 3) for (const s of shards) assert.ok(s.length > 60, `shares are roughly even: ${s.length}`);
    }
    const grown = [{ name: 'NEW_TENANT_URL', url: 'postgresql://h/db' }, ...targets];
    for (const t of targets) assert.equal(shardOf(t.name, 4), shardOf(t.name, 4));
    for (let i = 1; i <= 4; i++) {
      const before = inShard(targets, { index: i, count: 4 }).map((t) => t.name);
      const afterAdd = inShard(grown, { index: i, count: 4 }).map((t) => t.name).filter((n) => n !== 'NEW_TENANT_URL');
      assert.deepEqual(afterAdd, before, 'adding a target moves no other');
    }
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'x', '1/2/3']) assert.throws(() => parseShard(bad), /invalid --shard/);
  });
});

for (const major of MAJORS) {
  describe(`fleets on PostgreSQL ${major}`, { concurrency: true }, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    const password = () => decodeURIComponent(new URL(srv.server.url()).password);
    /** n fresh databases, each in an environment variable, and a targets file listing them. */
    const fleet = async (dir: string, prefix: string, n: number, extra: string[] = []) => {
      const env: Record<string, string> = {};
      for (let i = 1; i <= n; i++) env[`${prefix}_${i}_URL`] = await srv.createDatabase(`${prefix.toLowerCase()}${i}`);
      await fs.writeFile(path.join(dir, 'targets.txt'), [...Object.keys(env), ...extra].join('\n') + '\n');
      return env;
    };
    const versions = async (url: string) =>
      (await srv.query(url, 'select version from supabase_migrations.schema_migrations order by version')).rows.map((r) => r.version as string);

    test('push over 10 targets: one unreachable, one fails mid-run on its data; the others are pushed; a rerun resumes', async () => {
      const dir = await makeProject({ 'supabase/migrations/20240101000000_accounts.sql': ACCOUNTS });
      const env = await fleet(dir, 'TENANT', 10, ['DOWN_URL']);
      env.DOWN_URL = srv.server.url('nowhere').replace(/:\d+\//, ':1/');
      const first = await runCli(['push', '--yes', '--targets', 'targets.txt', '--concurrency', '3', '--run-id', 'first'], { cwd: dir, env });
      assert.equal(first.code, 1, first.stderr);
      assert.match(first.stdout, /11 target\(s\): 10 ok, 0 differ, 1 failed/);
      for (let i = 1; i <= 10; i++) assert.deepEqual(await versions(env[`TENANT_${i}_URL`]!), ['20240101000000']);

      // A migration that fails only on tenant 5's data, and one after it.
      await srv.query(env.TENANT_5_URL!, `insert into accounts values (1, null)`);
      await srv.query(env.TENANT_2_URL!, `insert into accounts values (1, 'a@example.com')`);
      await writeMigration(dir, '20240102000000_email_required.sql', 'alter table accounts alter column email set not null;');
      await writeMigration(dir, '20240103000000_audit.sql', 'create table audit (id bigint primary key, at timestamptz not null);');
      const second = await runCli(['push', '--yes', '--json', '--targets', 'targets.txt', '--concurrency', '4', '--run-id', 'second'], { cwd: dir, env });
      assert.equal(second.code, 1, second.stderr);
      const r = JSON.parse(second.stdout);
      assert.deepEqual(r.counts, { ok: 9, differs: 0, failed: 2, resumed: 0 });
      const byName = new Map<string, { status: string; error?: string; details: { applied?: string[]; backup?: string } }>(r.results.map((x: { target: string }) => [x.target, x]));
      assert.equal(byName.get('TENANT_5_URL')!.status, 'failed');
      assert.match(byName.get('TENANT_5_URL')!.error!, /20240102000000_email_required\.sql/);
      assert.match(byName.get('TENANT_5_URL')!.error!, /null value/);
      assert.match(byName.get('DOWN_URL')!.error!, /cannot reach the remote database/);
      for (let i = 1; i <= 10; i++) {
        if (i === 5) continue;
        const url = env[`TENANT_${i}_URL`]!;
        assert.deepEqual(await versions(url), ['20240101000000', '20240102000000', '20240103000000'], `tenant ${i} pushed and recorded`);
        assert.deepEqual(byName.get(`TENANT_${i}_URL`)!.details.applied, ['20240102000000', '20240103000000']);
        assert.ok(byName.get(`TENANT_${i}_URL`)!.details.backup, 'each target took its own backup');
      }
      const backups = new Set([...byName.values()].map((x) => x.details.backup).filter(Boolean));
      assert.equal(backups.size, 9, 'nine distinct backup folders');
      // Tenant 5: the failing file rolled back, nothing after it ran.
      assert.deepEqual(await versions(env.TENANT_5_URL!), ['20240101000000']);
      const t5 = await srv.query(env.TENANT_5_URL!, `select is_nullable, to_regclass('public.audit') is null as no_audit from information_schema.columns where table_name = 'accounts' and column_name = 'email'`);
      assert.deepEqual(t5.rows[0], { is_nullable: 'YES', no_audit: true });

      const md = await fs.readFile(r.reportFiles.markdown, 'utf8');
      assert.match(md, /## Failures\n\n(- \*\*.*\n){2}/);
      assert.match(md, /\*\*TENANT_5_URL\*\*.*20240102000000_email_required\.sql/);
      assert.match(md, /\*\*DOWN_URL\*\*.*cannot reach/);
      assert.equal((await fs.stat(r.reportFiles.json)).mode & 0o777, 0o600);

      // Fixed data; the same run id again: only the failed targets run.
      await srv.query(env.TENANT_5_URL!, `update accounts set email = 'e@example.com'`);
      const third = await runCli(['push', '--yes', '--json', '--targets', 'targets.txt', '--run-id', 'second'], { cwd: dir, env });
      assert.equal(third.code, 1, 'DOWN_URL still fails');
      const again = JSON.parse(third.stdout);
      assert.deepEqual(again.counts, { ok: 10, differs: 0, failed: 1, resumed: 9 });
      assert.deepEqual(await versions(env.TENANT_5_URL!), ['20240101000000', '20240102000000', '20240103000000']);
      const lines = (await fs.readFile(path.join(path.dirname(r.reportFiles.json), 'results.jsonl'), 'utf8')).trim().split('\n');
      assert.equal(lines.length, 11 + 2, 'the rerun ran only the two targets not done');
      // --resume with no id picks the latest push run.
      const resumed = await runCli(['push', '--yes', '--json', '--targets', 'targets.txt', '--resume'], { cwd: dir, env });
      assert.equal(JSON.parse(resumed.stdout).runId, 'second');

      const everything = first.stdout + first.stderr + second.stdout + second.stderr + third.stdout + third.stderr + (await readAll(path.join(dir, '.dbalign', 'fleet')));
      assert.ok(!everything.includes(password()), 'no password in output or reports');
    });

    test('check over 10 targets reports exactly the drifted ones, builds one shadow, and shards split the work', async () => {
      const dir = await makeProject({ 'supabase/migrations/20240101000000_accounts.sql': ACCOUNTS });
      const env = await fleet(dir, 'SHOP', 10);
      const push = await runCli(['push', '--yes', '--no-backup', '--targets', 'targets.txt'], { cwd: dir, env });
      assert.equal(push.code, 0, push.stderr);
      await srv.query(env.SHOP_3_URL!, 'create index accounts_email on accounts (email)');
      await srv.query(env.SHOP_8_URL!, `delete from supabase_migrations.schema_migrations`);
      await srv.query(env.SHOP_8_URL!, `drop table accounts`);
      const r = await runCli(['check', '--json', '--targets', 'targets.txt', '--concurrency', '4'], { cwd: dir, env });
      assert.equal(r.code, 2, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.equal(report.shadowsBuilt, 1, 'one shadow for ten targets');
      const differs = report.results.filter((x: { status: string }) => x.status === 'differs').map((x: { target: string }) => x.target).sort();
      assert.deepEqual(differs, ['SHOP_3_URL', 'SHOP_8_URL']);
      assert.equal(report.counts.ok, 8);
      const shop3 = report.results.find((x: { target: string }) => x.target === 'SHOP_3_URL');
      assert.match(shop3.summary, /create index "public"\."accounts_email"/);
      assert.match(report.results.find((x: { target: string }) => x.target === 'SHOP_8_URL').summary, /pending 20240101000000/);

      const text = await runCli(['check', '--targets', 'targets.txt'], { cwd: dir, env });
      assert.equal(text.code, 2);
      assert.match(text.stdout, /10 target\(s\): 8 ok, 2 differ, 0 failed/);
      assert.match(text.stderr, /\[\d+\/10\] SHOP_3_URL: differs/, 'plain progress lines when not on a terminal');

      const seen: string[] = [];
      for (const s of ['1/3', '2/3', '3/3']) {
        const part = await runCli(['check', '--json', '--targets', 'targets.txt', '--shard', s], { cwd: dir, env });
        assert.ok(part.code === 0 || part.code === 2, part.stderr);
        const pr = JSON.parse(part.stdout);
        assert.match(pr.reportFiles.markdown, new RegExp(`report-shard-${s.replace('/', '-of-')}\\.md$`));
        seen.push(...pr.results.map((x: { target: string }) => x.target));
      }
      assert.deepEqual(seen.sort(), Object.keys(env).sort(), 'each target checked by exactly one shard');
      assert.ok(!(r.stdout + r.stderr + text.stdout + text.stderr).includes(password()));
    });

    test('align over targets: pushes where that aligns, leaves a target whose changes no migration has, reports each', async () => {
      const dir = await makeProject({ 'supabase/migrations/20240101000000_accounts.sql': ACCOUNTS });
      const env = await fleet(dir, 'REGION', 4);
      assert.equal((await runCli(['push', '--yes', '--no-backup', '--targets', 'targets.txt'], { cwd: dir, env })).code, 0);
      await srv.query(env.REGION_4_URL!, 'create table hotfix (id int)');
      await writeMigration(dir, '20240102000000_orders.sql', 'create table orders (id int primary key, account int references accounts);');
      const r = await runCli(['align', '--yes', '--json', '--targets', 'targets.txt'], { cwd: dir, env });
      assert.equal(r.code, 2, r.stderr);
      const report = JSON.parse(r.stdout);
      const status = Object.fromEntries(report.results.map((x: { target: string; status: string }) => [x.target, x.status]));
      assert.deepEqual(status, { REGION_1_URL: 'ok', REGION_2_URL: 'ok', REGION_3_URL: 'ok', REGION_4_URL: 'differs' });
      for (const i of [1, 2, 3]) assert.deepEqual(await versions(env[`REGION_${i}_URL`]!), ['20240101000000', '20240102000000']);
      assert.deepEqual(await versions(env.REGION_4_URL!), ['20240101000000'], 'left as it is');
      const r4 = report.results.find((x: { target: string }) => x.target === 'REGION_4_URL');
      assert.match(r4.summary, /left as it is: it has 1 schema change\(s\) no migration contains.*dbalign align --remote/);
      await fs.access(path.join(dir, r4.details.report));
      assert.deepEqual(await fs.readdir(path.join(dir, 'supabase', 'migrations')), ['20240101000000_accounts.sql', '20240102000000_orders.sql'], 'no migration written');
      assert.equal(report.shadowsBuilt <= 3, true, `shadows are shared: ${report.shadowsBuilt}`);
    });

    test('bad fleet input: a password in the targets file, --remote with --targets, a bad --concurrency', async () => {
      const dir = await makeProject({ 'supabase/migrations/20240101000000_accounts.sql': ACCOUNTS });
      await fs.writeFile(path.join(dir, 'targets.txt'), srv.server.url('x') + '\n');
      const r = await runCli(['check', '--targets', 'targets.txt'], { cwd: dir });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^error: targets\.txt line 1: a URL with a password .*put the URL in an environment variable/);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.ok(!r.stderr.includes(password()));
      const both = await runCli(['check', '--targets', 'targets.txt', '--remote', srv.server.url()], { cwd: dir });
      assert.match(both.stderr, /--remote and --targets do not go together/);
      const conc = await runCli(['check', '--targets', 'targets.txt', '--concurrency', '0'], { cwd: dir });
      assert.match(conc.stderr, /invalid --concurrency "0"/);
    });
  });
}
