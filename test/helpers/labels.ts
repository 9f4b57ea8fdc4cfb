/**
 * The label provider of test/helpers/label-provider.c, compiled once per major with the machine's C
 * compiler into a folder the server's OS user can read. Without a compiler, the cases that need it
 * are skipped with the reason.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestServer } from './pg.js';

const SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'label-provider.c');

export type LabelProvider = { path: string } | { skip: string };

export function labelProvider(major: number): LabelProvider {
  const source = fs.readFileSync(SOURCE);
  const hash = crypto.createHash('sha256').update(source).update(String(major)).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `dbalign-label-provider-${hash}`);
  const lib = path.join(dir, 'dbalign_label_provider.so');
  if (fs.existsSync(lib)) return { path: lib };
  const cc = ['cc', 'gcc', 'clang'].find((c) => spawnSync(c, ['--version']).status === 0);
  if (!cc) return { skip: 'no C compiler (cc, gcc or clang) to build the test label provider' };
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  const tmp = `${lib}.${process.pid}`;
  const r = spawnSync(cc, ['-shared', '-fPIC', '-O2', `-DPG_VERSION=${major * 100}`, '-o', tmp, SOURCE], { encoding: 'utf8' });
  if (r.status !== 0) return { skip: `the test label provider did not build with ${cc}: ${(r.stderr || '').split('\n')[0]}` };
  fs.chmodSync(tmp, 0o755);
  fs.renameSync(tmp, lib);
  return { path: lib };
}

/** Loads the provider into every new session of the server (ALTER SYSTEM, then a reload). */
export async function loadLabelProvider(server: TestServer): Promise<LabelProvider> {
  const provider = labelProvider(server.major);
  if ('skip' in provider) return provider;
  const url = server.server.url('postgres');
  await server.query(url, `ALTER SYSTEM SET session_preload_libraries = '${provider.path.replace(/'/g, "''")}'`);
  await server.query(url, 'SELECT pg_reload_conf()');
  // The postmaster reloads in its own time: wait until a new session has the setting and loads it.
  for (let tries = 0; tries < 100; tries++) {
    const check = await server.query(url, `SELECT current_setting('session_preload_libraries') AS s`);
    if (String(check.rows[0]?.s).replace(/^"|"$/g, '') === provider.path) {
      await server.query(url, `SELECT 1`);
      return provider;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { skip: 'the server did not take session_preload_libraries' };
}
