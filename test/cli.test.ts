import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { SUPABASE_CLI_HISTORY } from './helpers/supabase.js';
import { collect, MAJORS, ROOT, makeProject, runCli, startTestServer, type CliResult, type TestServer } from './helpers/pg.js';

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


/** Runs `dbalign <args> | <reader>` through a real shell pipe; the exit code is dbalign's (pipefail). */
function pipeInto(args: string[], reader: string, cwd = ROOT): Promise<CliResult> {
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const cli = [process.execPath, path.join(ROOT, 'dist', 'cli', 'main.js'), ...args].map(quote).join(' ');
  return collect(spawn('bash', ['-c', `set -o pipefail; ${cli} | ${reader}`], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** Runs `fn` over `items`, `n` at a time. */
async function inBatches<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += n) await Promise.all(items.slice(i, i + n).map(fn));
}

/**
 * Makes `dir` unwritable for this process, returning the undo, or undefined when this machine cannot.
 * A regular user: chmod. Root writes whatever the mode says, so `chattr +i` (needs a file system
 * with the immutable flag, ext4 or xfs, and the CAP_LINUX_IMMUTABLE capability root has outside
 * restricted containers); without it the caller skips with a note.
 */
async function makeUnwritable(dir: string): Promise<(() => Promise<void>) | undefined> {
  if (process.getuid?.() !== 0) {
    await fs.chmod(dir, 0o555);
    return () => fs.chmod(dir, 0o755);
  }
  const chattr = (flag: string) => collect(spawn('chattr', [flag, dir], { stdio: ['ignore', 'pipe', 'pipe'] })).catch(() => ({ code: 1 }));
  if ((await chattr('+i')).code !== 0) return undefined;
  return async () => void (await chattr('-i'));
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

  test('output piped into a reader that stops early never crashes, for every command', async () => {
    const help = await runCli(['--help']);
    const commands = [...help.stdout.matchAll(/^  ([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    assert.ok(commands.length >= 17, `commands found in --help: ${commands.join(', ')}`);
    // head -3 as users type it, and for every command a reader that exits before reading anything.
    const runs: Array<[string[], string]> = [[['--help'], 'head -3'], [['--help'], 'head -c 0'], [['--version'], 'head -c 0'], ...commands.map((c): [string[], string] => [[c, '--help'], 'head -c 0'])];
    await inBatches(runs, 4, async ([args, reader]) => {
      const res = await pipeInto(args, reader);
      assert.equal(res.code, 0, `dbalign ${args.join(' ')} | ${reader}: ${res.stderr}`);
      assert.equal(res.stderr, '', `dbalign ${args.join(' ')} | ${reader}`);
    });
  });

  test('--yes is accepted by every command, as the Supabase CLI accepts it', async () => {
    const help = await runCli(['--help']);
    const commands = [...help.stdout.matchAll(/^  ([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    await inBatches(commands, 4, async (c) => {
      const res = await runCli([c, '--help']);
      assert.match(res.stdout, /-y, --yes/, `${c} --help`);
    });
    // repair and pull used to reject it as an unknown option: now they get past parsing to the missing URL.
    const dir = await makeProject();
    assertCleanError(await runCli(['repair', '--yes', '--status', 'reverted', '20240101000000'], { cwd: dir }), /no remote database given: pass --remote/);
    assertCleanError(await runCli(['pull', '--yes'], { cwd: dir }), /no remote database given: pass --remote/);
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
    const dup = await makeProject({ 'supabase/migrations/1_a.sql': 'select 1;', 'supabase/migrations/1_b.sql': 'select 1;' });
    assertCleanError(await runCli(['reset', '--local', 'postgresql://x@127.0.0.1:1/x'], { cwd: dup }), /duplicate migration version/);
  });

  test('--json errors are JSON', async () => {
    const dir = await makeProject();
    const res = await runCli(['status', '--json', '--remote', 'nope'], { cwd: dir });
    assert.equal(res.code, 1);
    assert.match(JSON.parse(res.stdout).error, /malformed --remote/);
    const usage = await runCli(['status', '--json', '--bogus'], { cwd: dir });
    assert.equal(usage.code, 1);
    assert.deepEqual(JSON.parse(usage.stdout), { error: "unknown option '--bogus'; see dbalign --help" });
  });

  test('new creates a timestamped migration file', async () => {
    const dir = await makeProject();
    const res = await runCli(['new', 'create users'], { cwd: dir });
    assert.equal(res.code, 0, res.stderr);
    const [file] = await fs.readdir(path.join(dir, 'supabase', 'migrations'));
    assert.match(file!, /^\d{14}_create_users\.sql$/);
    assert.match(res.stdout, new RegExp(`Created new migration at supabase/migrations/${file}`));
  });

  test('a migrations folder that cannot be written: `new` says so in one line', async (t) => {
    // A regular file where the supabase folder should be: mkdir fails (ENOTDIR) for root as for anyone.
    const blocked = await makeProject();
    await fs.rm(path.join(blocked, 'supabase'), { recursive: true });
    await fs.writeFile(path.join(blocked, 'supabase'), '');
    assertCleanError(await runCli(['new', 'a'], { cwd: blocked }), /^error: cannot create a migration file in supabase\/migrations: a file is in the way .*; make supabase\/migrations a writable folder/);
    const dir = await makeProject();
    const undo = await makeUnwritable(path.join(dir, 'supabase', 'migrations'));
    if (!undo) return t.skip('running as root where `chattr +i` is not available: only the file-in-the-way case ran');
    try {
      assertCleanError(await runCli(['new', 'a'], { cwd: dir }), /^error: cannot create a migration file in supabase\/migrations: (permission denied|the file system is read-only|the folder is not writable)/);
    } finally {
      await undo();
    }
    assert.deepEqual(await fs.readdir(path.join(dir, 'supabase', 'migrations')), []);
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

    test('what the server refuses is said as the server said it, with what to do, never "unexpected"', async () => {
      const remote = await srv.createDatabase();
      await srv.query(remote, `create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
        revoke all on schema supabase_migrations from public`);
      const dir = await makeProject({ 'supabase/migrations/20240101000000_a.sql': 'create table a (id int);' });
      const res = await runCli(['status', '--remote', appUrl(SECRET, new URL(remote).pathname.slice(1))], { cwd: dir });
      assertCleanError(res, /the database refused it: permission denied for schema supabase_migrations \(SQLSTATE 42501\); connect as a role with that privilege, such as the database owner/);
      assert.doesNotMatch(res.stderr, /unexpected/);
    });

    test('a project whose state folder or migrations folder cannot be written: one line, nothing written to the remote', async (t) => {
      const remote = await srv.createDatabase();
      // .dbalign, where the backup before a push goes, cannot be made: a regular file has its name.
      const dir = await makeProject({ 'supabase/migrations/20240101000000_a.sql': 'create table a (id int);', '.dbalign': '' });
      const res = await runCli(['push', '--yes', '--remote', remote], { cwd: dir });
      assertCleanError(res, /^error: cannot write in .*\.dbalign: a file is in the way/);
      assert.equal((await srv.query(remote, `select to_regclass('a') is null as untouched`)).rows[0].untouched, true);
      // pull writes its file after its backup: a migrations folder it cannot write in stops it before the history is touched.
      await srv.query(remote, `create table extra (id int)`);
      const pulling = await makeProject();
      const undo = await makeUnwritable(path.join(pulling, 'supabase', 'migrations'));
      if (!undo) return t.skip('running as root where `chattr +i` is not available: only the state-folder case ran');
      try {
        const pulled = await runCli(['pull', '--yes', '--shadow', srv.server.url(), '--remote', remote], { cwd: pulling });
        assertCleanError(pulled, /^error: cannot create a migration file in supabase\/migrations: .*nothing was recorded on the remote/);
      } finally {
        await undo();
      }
      assert.deepEqual(await fs.readdir(path.join(pulling, 'supabase', 'migrations')), []);
      assert.equal((await srv.query(remote, `select to_regclass('supabase_migrations.schema_migrations') is null as none`)).rows[0].none, true);
    });

    test('a role that may read the history but not write it, or not read a table the backup needs: one line with the state and what to do', async () => {
      const remote = await srv.createDatabase();
      await srv.query(remote, `${SUPABASE_CLI_HISTORY}
        grant usage, create on schema public to app; grant usage on schema supabase_migrations to app;
        grant select on supabase_migrations.schema_migrations to app; create table secret (a int)`);
      const dir = await makeProject({ 'supabase/migrations/20240101000000_a.sql': 'create table a (id int);' });
      const url = appUrl(SECRET, new URL(remote).pathname.slice(1));
      const backup = await runCli(['push', '--yes', '--remote', url], { cwd: dir });
      assertCleanError(backup, /^error: the backup before writing to the remote could not be taken, so nothing was written: permission denied for table secret \(SQLSTATE 42501\); connect as a role that can read every table, such as the database owner, or pass --no-backup/);
      const history = await runCli(['push', '--yes', '--no-backup', '--remote', url], { cwd: dir });
      assertCleanError(history, /^error: 20240101000000_a\.sql: its history row could not be written: permission denied for table schema_migrations \(SQLSTATE 42501\); the file was rolled back and is not recorded; connect as a role that may write supabase_migrations\.schema_migrations/);
      assert.equal((await srv.query(remote, `select to_regclass('a') is null as untouched`)).rows[0].untouched, true);
      assert.doesNotMatch(backup.stderr + history.stderr, /unexpected/);
    });

    test('a missing database says to check its name', async () => {
      const dir = await makeProject();
      assertCleanError(await runCli(['status', '--remote', appUrl(SECRET, 'nope')], { cwd: dir }), /database "nope" does not exist; check the database name/);
    });

    test('a long result piped into head: the command finishes, exit 0, no error', async () => {
      const remote = await srv.createDatabase();
      const files: Record<string, string> = {};
      for (let i = 0; i < 400; i++) files[`supabase/migrations/${20240101000000 + i * 100}_m${i}.sql`] = `create table t${i} (id int);`;
      const dir = await makeProject(files);
      const res = await pipeInto(['push', '--dry-run', '--remote', remote], 'head -3', dir);
      assert.equal(res.code, 0, res.stderr);
      assert.equal(res.stdout.split('\n').length, 4);
      assert.doesNotMatch(res.stderr, /EPIPE|error/i);
      const status = await pipeInto(['status', '--json', '--remote', remote], 'head -c 0', dir);
      assert.equal(status.code, 0, status.stderr);
      assert.doesNotMatch(status.stderr, /EPIPE|error/i);
    });

    test('a pending file that is not UTF-8, broken or unsafe stops the push before anything is written', async () => {
      const cases: Array<[string | Buffer, RegExp]> = [
        ['begin;\ncreate table x (a int);', /20240102000000_b\.sql line 1: BEGIN has no COMMIT after it/],
        [Buffer.from([0x63, 0x72, 0xe9, 0x65]), /20240102000000_b\.sql is not UTF-8 text/],
        ['create table x (a int', /20240102000000_b\.sql: syntax error at line 1, column 22/],
        ['select $x$ open', /unterminated dollar-quoted string/],
        ['rollback;', /line 1: ROLLBACK ends the transaction without committing it/],
        // pg_dump's data format: COPY … FROM stdin, then the rows, then \.
        ['create table x (a int, b text);\nCOPY public.x (a, b) FROM stdin;\n1\tone\n2\t\\N\n\\.\n', /20240102000000_b\.sql line 2: COPY … FROM stdin reads its rows from the client .*write the rows as INSERT statements/],
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
