import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { startEmbedded, stopEmbedded } from '../src/db/embedded.js';
import { MAJORS, ROOT, query } from './helpers/pg.js';

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
        await second.stop();
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
  });
}
