import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { startEmbedded, stopEmbedded } from '../src/db/embedded.js';
import { MAJORS, ROOT, makeProject, query, runCli, startTestServer } from './helpers/pg.js';

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-embedded-'));
  await fs.chmod(dir, 0o755);
  return dir;
}

function postmasterUser(dataDir: string): Promise<string> {
  return fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').then((pid) =>
    execFileSync('ps', ['-o', 'user=', '-p', pid.split('\n')[0]!.trim()]).toString().trim(),
  );
}

describe('as an ordinary user', () => {
  // On a developer's machine dbalign runs unprivileged; when the suite runs as root, prove that path too.
  test('starts and stops a server without root', { skip: process.getuid?.() !== 0 ? 'already unprivileged: every other test covers it' : false }, async () => {
    const root = await tempDir();
    await fs.chown(root, 65534, 65534);
    const script = `
      import { startEmbedded, stopEmbedded } from ${JSON.stringify(path.join(ROOT, 'dist', 'db', 'embedded.js'))};
      import pg from 'pg';
      const s = await startEmbedded({ dataDir: ${JSON.stringify(path.join(root, 'data'))}, major: ${MAJORS[0]} });
      const c = new pg.Client({ connectionString: s.url() });
      await c.connect();
      const r = await c.query('select current_user');
      await c.end();
      await stopEmbedded(${JSON.stringify(path.join(root, 'data'))}, true);
      console.log(r.rows[0].current_user);
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      uid: 65534,
      gid: 65534,
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: root },
    }).toString();
    assert.equal(out.trim(), 'postgres');
    await fs.rm(root, { recursive: true, force: true });
  });
});

for (const major of MAJORS) {
  describe(`embedded PostgreSQL ${major}`, () => {
    test('initialises, starts on a free port, is reused while running, and stops cleanly', async () => {
      const root = await tempDir();
      const dataDir = path.join(root, 'data');
      const first = await startEmbedded({ dataDir, major, durable: true });
      try {
        assert.equal(first.startedHere, true);
        const v = await query(first.url(), 'SHOW server_version_num');
        assert.equal(Math.floor(Number(v.rows[0].server_version_num) / 10000), major);
        const listen = await query(first.url(), 'SHOW listen_addresses');
        assert.equal(listen.rows[0].listen_addresses, '127.0.0.1');
        const again = await startEmbedded({ dataDir, major });
        assert.equal(again.startedHere, false);
        assert.equal(again.port, first.port);
        if (process.getuid?.() === 0) {
          assert.notEqual(await postmasterUser(dataDir), 'root', 'PostgreSQL must not run as root');
        }
      } finally {
        assert.equal(await stopEmbedded(dataDir), true);
      }
      await assert.rejects(query(first.url(), 'select 1'), /ECONNREFUSED/);
      // Data survives a restart.
      const second = await startEmbedded({ dataDir, major });
      try {
        assert.equal(second.startedHere, true);
        await query(second.url(), 'create table kept (a int)');
      } finally {
        await second.release();
      }
      const third = await startEmbedded({ dataDir, major });
      try {
        assert.equal((await query(third.url(), "select to_regclass('kept') is not null as ok")).rows[0].ok, true);
      } finally {
        await stopEmbedded(dataDir, true);
      }
      await assert.rejects(fs.stat(dataDir), /ENOENT/);
      await fs.rm(root, { recursive: true, force: true });
    });

    test('requires a password, and refuses another major on the same data', async () => {
      const root = await tempDir();
      const dataDir = path.join(root, 'data');
      const server = await startEmbedded({ dataDir, major });
      try {
        const bad = server.url().replace(encodeURIComponent(server.password), 'wrong');
        await assert.rejects(query(bad, 'select 1'), /password authentication failed/);
        const other = MAJORS.find((m) => m !== major) ?? (major === 15 ? 17 : 15);
        await assert.rejects(startEmbedded({ dataDir, major: other }), new RegExp(`holds a PostgreSQL ${major} database but ${other} was asked for`));
      } finally {
        await stopEmbedded(dataDir, true);
        await fs.rm(root, { recursive: true, force: true });
      }
    });

    test('a data directory named with quotes, $ and backquotes starts, and nothing in its name runs', async () => {
      const root = await tempDir();
      const weird = path.join(root, `we"ird $HOME \`touch PWNED\` 'x' $(touch PWNED2)`);
      await fs.mkdir(weird, { mode: 0o755 });
      const dataDir = path.join(weird, 'data');
      const server = await startEmbedded({ dataDir, major });
      try {
        assert.equal((await query(server.url(), 'select 1 as one')).rows[0].one, 1);
      } finally {
        assert.equal(await stopEmbedded(dataDir, true), true);
      }
      for (const dir of [root, weird, ROOT]) {
        for (const f of ['PWNED', 'PWNED2']) await assert.rejects(fs.stat(path.join(dir, f)), /ENOENT/, `${f} was created in ${dir}`);
      }
      await fs.rm(root, { recursive: true, force: true });
    });

    test('a stale postmaster.pid whose PID now belongs to another PostgreSQL: that server is neither stopped nor blocks a start', async () => {
      const root = await tempDir();
      const otherDir = path.join(root, 'other');
      const dataDir = path.join(root, 'data');
      const other = await startEmbedded({ dataDir: otherDir, major });
      try {
        const mine = await startEmbedded({ dataDir, major });
        const oldPort = mine.port;
        await mine.release();
        await assert.rejects(query(mine.url(), 'select 1'), /ECONNREFUSED/);
        // The crash left postmaster.pid behind, and the system gave its PID to the other server.
        const otherPid = Number((await fs.readFile(path.join(otherDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
        await fs.writeFile(path.join(dataDir, 'postmaster.pid'), `${otherPid}\n${dataDir}\n1700000000\n${oldPort}\n\n127.0.0.1\n  1234567  7\nready   \n`);
        assert.equal(await stopEmbedded(dataDir), false, 'nothing of ours was running');
        assert.equal((await query(other.url(), 'select 1 as one')).rows[0].one, 1, 'the other server still runs');
        const again = await startEmbedded({ dataDir, major });
        assert.equal(again.startedHere, true);
        assert.equal((await query(again.url(), 'select 1 as one')).rows[0].one, 1);
        await again.release();
        assert.equal((await query(other.url(), 'select 1 as one')).rows[0].one, 1, 'the other server still runs');
      } finally {
        await stopEmbedded(dataDir, true);
        await stopEmbedded(otherDir, true);
        await fs.rm(root, { recursive: true, force: true });
      }
    });

    test('concurrent starts share one server, and it stops only when its last user releases it', async () => {
      const root = await tempDir();
      const dataDir = path.join(root, 'shadow');
      try {
        const servers = await Promise.all([1, 2, 3].map(() => startEmbedded({ dataDir, major })));
        assert.equal(new Set(servers.map((s) => s.port)).size, 1);
        assert.equal(servers.filter((s) => s.startedHere).length, 1);
        const starter = servers.find((s) => s.startedHere)!;
        const others = servers.filter((s) => s !== starter);
        await starter.release();
        await others[0]!.release();
        assert.equal((await query(others[1]!.url(), 'select 1 as one')).rows[0].one, 1, 'still up for its last user');
        await others[1]!.release();
        await assert.rejects(query(starter.url(), 'select 1'), /ECONNREFUSED/);
      } finally {
        await stopEmbedded(dataDir, true);
        await fs.rm(root, { recursive: true, force: true });
      }
    });

    test('a run killed during the first initdb leaves a folder the next run starts from', async () => {
      const root = await tempDir();
      try {
        for (const [name, durable] of [['local', true], ['shadow', false]] as const) {
          const dataDir = path.join(root, name);
          const script = `
            import { startEmbedded } from ${JSON.stringify(path.join(ROOT, 'dist', 'db', 'embedded.js'))};
            await startEmbedded({ dataDir: ${JSON.stringify(dataDir)}, major: ${major}, durable: ${durable} });
          `;
          const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: 'ignore' });
          const exited = new Promise((r) => child.on('exit', r));
          let killed = false;
          for (let i = 0; i < 600 && !killed; i++) {
            const entries = await fs.readdir(root);
            if (entries.some((e) => e.startsWith(`${name}.init-`))) {
              child.kill('SIGKILL');
              killed = true;
            } else await new Promise((r) => setTimeout(r, 20));
          }
          await exited;
          assert.equal(killed, true, 'initdb was seen running');
          const server = await startEmbedded({ dataDir, major, durable });
          try {
            assert.equal((await query(server.url(), 'select 1 as one')).rows[0].one, 1);
          } finally {
            await stopEmbedded(dataDir, true);
          }
          assert.deepEqual((await fs.readdir(root)).filter((e) => e.startsWith(`${name}.init-`)), [], 'no half-made folder is left');
        }
      } finally {
        await fs.rm(root, { recursive: true, force: true });
      }
    });

    test('a shadow folder dbalign cannot use is rebuilt; a local one is never deleted, and the advice says so', async () => {
      const root = await tempDir();
      try {
        for (const name of ['shadow', 'local']) {
          await fs.mkdir(path.join(root, name));
          await fs.writeFile(path.join(root, name, 'PG_VERSION'), `${major}\n`);
          await fs.writeFile(path.join(root, name, 'precious'), 'x');
        }
        const shadow = await startEmbedded({ dataDir: path.join(root, 'shadow'), major });
        assert.equal((await query(shadow.url(), 'select 1 as one')).rows[0].one, 1);
        await shadow.release();
        await assert.rejects(startEmbedded({ dataDir: path.join(root, 'local'), major, durable: true }), (err: Error) =>
          /local was not created by dbalign: move it away, or pass --local <url>$/.test(err.message));
        assert.equal(await fs.readFile(path.join(root, 'local', 'precious'), 'utf8'), 'x');
      } finally {
        await stopEmbedded(path.join(root, 'shadow'), true);
        await fs.rm(root, { recursive: true, force: true });
      }
    });

    test('concurrent commands in one project: three first runs at once all succeed, and `dbalign stop` waits for users', async () => {
      const srv = await startTestServer(major);
      const dir = await makeProject({
        'supabase/migrations/20240101000000_init.sql': 'create table t (id int primary key);',
      });
      try {
        const remote = await srv.createDatabase('remote');
        const pushed = await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir });
        assert.equal(pushed.code, 0, pushed.stderr);
        await runCli(['stop', '--clean'], { cwd: dir });
        // No shadow or local server exists yet: the three runs race to initialise them.
        const runs = await Promise.all([
          runCli(['check', '--remote', remote], { cwd: dir }),
          runCli(['check', '--remote', remote], { cwd: dir }),
          runCli(['reset', '--yes'], { cwd: dir }),
        ]);
        for (const r of runs) assert.equal(r.code, 0, r.stdout + r.stderr);
        // A server the commands started is stopped by the last of them.
        for (const d of ['local', `shadow${major}`]) {
          await fs.stat(path.join(dir, '.dbalign', d, 'PG_VERSION'));
          const pidFile = path.join(dir, '.dbalign', d, 'postmaster.pid');
          await assert.rejects(fs.stat(pidFile), /ENOENT/, `${d} was left running`);
        }
        const started = await runCli(['start', '--json'], { cwd: dir });
        assert.equal(started.code, 0, started.stderr);
        const user = await startEmbedded({ dataDir: path.join(dir, '.dbalign', 'local'), durable: true });
        assert.equal(user.startedHere, false);
        const refused = await runCli(['stop'], { cwd: dir });
        assert.equal(refused.code, 1);
        assert.match(refused.stderr, new RegExp(`in use by another dbalign run \\(PID ${process.pid}\\): wait for it to finish, or pass --force`));
        assert.equal((await query(user.url(), 'select 1 as one')).rows[0].one, 1);
        await user.release();
        assert.equal((await query(user.url(), 'select 1 as one')).rows[0].one, 1, '`dbalign start` keeps it running');
        const stopped = await runCli(['stop'], { cwd: dir });
        assert.equal(stopped.code, 0, stopped.stderr);
        await assert.rejects(query(user.url(), 'select 1'), /ECONNREFUSED/);
      } finally {
        await runCli(['stop', '--clean', '--force'], { cwd: dir });
        await fs.rm(dir, { recursive: true, force: true });
        await srv.stop();
      }
    });
  });
}
