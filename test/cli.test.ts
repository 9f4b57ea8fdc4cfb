import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MAJORS, makeProject, runCli, startTestServer, type CliResult, type TestServer } from './helpers/pg.js';

const SECRET = 'S3cr3t-pa55word';

/** One line on stderr, exit 1, and no secret anywhere. */
function assertCleanError(res: CliResult, pattern: RegExp): void {
  assert.equal(res.code, 1, `exit code, stderr: ${res.stderr}`);
  const errors = res.stderr.split('\n').filter((l) => l.startsWith('error: '));
  assert.equal(errors.length, 1, res.stderr);
  assert.match(errors[0]!, pattern);
  for (const s of [SECRET, encodeURIComponent(SECRET)]) {
    assert.ok(!res.stdout.includes(s) && !res.stderr.includes(s), 'the password must never be printed');
  }
}

describe('cli without a database', () => {
  test('--help lists every command with examples and exit codes', async () => {
    const res = await runCli(['--help']);
    assert.equal(res.code, 0);
    for (const cmd of ['status', 'push', 'repair', 'reset', 'new', 'start', 'stop']) assert.match(res.stdout, new RegExp(`\\n  ${cmd} `));
    assert.match(res.stdout, /Exit codes: 0 fine, 1 error, 2 differences found/);
    for (const cmd of ['status', 'push', 'repair', 'reset']) {
      const sub = await runCli([cmd, '--help']);
      assert.equal(sub.code, 0);
      assert.match(sub.stdout, /Example/);
    }
  });

  test('malformed and missing URLs', async () => {
    const dir = await makeProject();
    assertCleanError(await runCli(['status', '--remote', 'not a url'], { cwd: dir }), /malformed --remote \(or DBALIGN_REMOTE_URL\) URL: expected postgresql:\/\/<user>:<password>@<host>:<port>\/<database>/);
    assertCleanError(await runCli(['status', '--remote', `mysql://root:${SECRET}@localhost/db`], { cwd: dir }), /must start with postgresql:\/\//);
    assertCleanError(await runCli(['status'], { cwd: dir }), /no remote database given: pass --remote/);
  });

  test('unreachable host and unknown host', async () => {
    const dir = await makeProject();
    assertCleanError(
      await runCli(['status', '--remote', `postgresql://postgres:${SECRET}@127.0.0.1:1/postgres`], { cwd: dir }),
      /cannot reach the remote database 127\.0\.0\.1:1\/postgres: connection refused; check the host and port/,
    );
    assertCleanError(
      await runCli(['push', '--yes', '--remote', `postgresql://postgres:${SECRET}@no-such-host.invalid:5432/postgres`], { cwd: dir }),
      /cannot reach the remote database no-such-host\.invalid:5432\/postgres: unknown host/,
    );
  });

  test('missing migrations folder and duplicate versions', async () => {
    const dir = await makeProject();
    await fs.rm(path.join(dir, 'supabase', 'migrations'), { recursive: true });
    assertCleanError(await runCli(['reset', '--local', `postgresql://postgres:${SECRET}@127.0.0.1:1/x`], { cwd: dir }), /no migrations folder at supabase\/migrations: run `dbalign new <name>`/);
    const dup = await makeProject({ 'supabase/migrations/1_a.sql': 'select 1;', 'supabase/migrations/01_b.sql': 'select 1;' });
    assertCleanError(await runCli(['reset', '--local', 'postgresql://x@127.0.0.1:1/x'], { cwd: dup }), /duplicate migration version/);
  });

  test('--json errors are JSON', async () => {
    const dir = await makeProject();
    const res = await runCli(['status', '--json', '--remote', 'nope'], { cwd: dir });
    assert.equal(res.code, 1);
    assert.match(JSON.parse(res.stdout).error, /malformed --remote/);
  });

  test('new creates a timestamped migration file', async () => {
    const dir = await makeProject();
    const res = await runCli(['new', 'create users'], { cwd: dir });
    assert.equal(res.code, 0, res.stderr);
    const [file] = await fs.readdir(path.join(dir, 'supabase', 'migrations'));
    assert.match(file!, /^\d{14}_create_users\.sql$/);
    assert.match(res.stdout, new RegExp(`Created new migration at supabase/migrations/${file}`));
  });

  test('a broken config.toml is a clear error', async () => {
    const dir = await makeProject({ 'supabase/config.toml': '[db\nmajor_version = 15' });
    assertCleanError(await runCli(['reset'], { cwd: dir }), /supabase\/config\.toml is not valid TOML .*: fix it/);
    const old = await makeProject({ 'supabase/config.toml': '[db]\nmajor_version = 13' });
    assertCleanError(await runCli(['reset'], { cwd: old }), /asks for PostgreSQL 13; dbalign's embedded server runs 15 or 17/);
  });
});

for (const major of MAJORS) {
  describe(`cli bad input on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => {
      srv = await startTestServer(major);
      await srv.query(srv.server.url(), `create role app login password '${SECRET}'`);
    });
    after(() => srv?.stop());

    const appUrl = (password: string, db = 'postgres') =>
      `postgresql://app:${encodeURIComponent(password)}@127.0.0.1:${srv.server.port}/${db}`;

    test('a wrong password says to check it, and prints neither password', async () => {
      const dir = await makeProject();
      const res = await runCli(['status', '--remote', appUrl(`wrong-${SECRET}`)], { cwd: dir });
      assertCleanError(res, /cannot log in to the remote database 127\.0\.0\.1:\d+\/postgres: password authentication failed for user "app"; check the user and password/);
      assert.ok(!res.stderr.includes('wrong-'));
    });

    test('a missing database says to check its name', async () => {
      const dir = await makeProject();
      assertCleanError(await runCli(['status', '--remote', appUrl(SECRET, 'nope')], { cwd: dir }), /database "nope" does not exist; check the database name/);
    });

    test('a pending file that is empty, not UTF-8 or broken stops the push before anything is written', async () => {
      const cases: Array<[string | Buffer, RegExp]> = [
        ['', /20240102000000_b\.sql has no SQL statements/],
        [Buffer.from([0x63, 0x72, 0xe9, 0x65]), /20240102000000_b\.sql is not UTF-8 text/],
        ['create table x (a int', /20240102000000_b\.sql: syntax error at line 1, column 22/],
        ['select $x$ open', /unterminated dollar-quoted string/],
        ['rollback;', /line 1: ROLLBACK is not allowed in a migration/],
      ];
      for (const [content, pattern] of cases) {
        const remote = await srv.createDatabase();
        const dir = await makeProject({ 'supabase/migrations/20240101000000_a.sql': 'create table a (id int);', 'supabase/migrations/20240102000000_b.sql': content });
        const res = await runCli(['push', '--yes', '--remote', remote.replace(/:[^:@/]+@/, `:${encodeURIComponent(srv.server.password)}@`)], { cwd: dir });
        assert.equal(res.code, 1);
        assert.match(res.stderr, pattern);
        assert.ok(!res.stderr.includes(srv.server.password));
        const r = await srv.query(remote, `select to_regclass('a') is null and to_regclass('supabase_migrations.schema_migrations') is null as untouched`);
        assert.equal(r.rows[0].untouched, true, `nothing written for ${pattern}`);
      }
    });
  });
}

test('plain user errors are one line that says what to do, never "unexpected"', async () => {
  const dir = await makeProject({ 'supabase/config.toml': '[db.seed]\nsql_paths = ["./seeds/[.sql"]\n' });
  const crafted = path.join(dir, 'crafted.json');
  await fs.writeFile(crafted, JSON.stringify({ format: 'dbalign-snapshot-1', serverVersion: 170000, scope: {}, warnings: [], objects: { a: { kind: 'table' } } }));
  const afile = path.join(dir, 'afile');
  await fs.writeFile(afile, '');
  const cases: Array<[string[], RegExp]> = [
    [['reset', '--yes', '--local', 'postgresql://x:y@127.0.0.1:1/db'], /sql_paths has an invalid pattern "\.\/seeds\/\[\.sql": close its \[ \] or remove it/],
    [['new', 'a'.repeat(300)], /migration name "a{20}…" is 300 bytes long: file names hold 255 bytes, so use a name of at most 200/],
    [['diff', '--from', crafted, '--to', crafted], /crafted\.json is not a dbalign snapshot/],
    [['snapshot', '--db', crafted, '--out', path.join(dir, 'missing', 'out.json')], /cannot write .*out\.json: the folder .*missing does not exist; create it, or choose another --out/],
    [['status', '--remote', 'postgresql://u:p@127.0.0.1:1/db?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem'], /cannot read \/nonexistent\/ca\.pem named in the --remote .*: ENOENT; check the path/],
    // libpq's Unix-socket form is taken as a URL: what fails is the connection, not the form.
    [['status', '--remote', 'postgresql:///db?host=/nonexistent-socket-dir'], /cannot (reach|connect to) the remote database/],
  ];
  for (const [args, expected] of cases) {
    const res = await runCli(args, { cwd: dir });
    assert.equal(res.code, 1, `${args.join(' ')}: ${res.stdout}${res.stderr}`);
    assert.doesNotMatch(res.stderr, /unexpected/);
    assert.equal(res.stderr.trim().split('\n').length, 1, res.stderr);
    assert.match(res.stderr, expected);
  }
});
