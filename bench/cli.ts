/** What the benchmarks share: a throwaway embedded server, and the built CLI run as a user runs it. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedded, stopEmbedded, type EmbeddedMajor, type EmbeddedServer } from '../src/db/embedded.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli', 'main.js');

/** An embedded server in a fresh temporary folder; `done` stops it and removes the folder. */
export async function benchServer(major: EmbeddedMajor): Promise<{ root: string; server: EmbeddedServer; done: () => Promise<void> }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dbalign-bench-'));
  fs.chmodSync(root, 0o755);
  const dataDir = path.join(root, 'data');
  const server = await startEmbedded({ dataDir, major });
  return {
    root,
    server,
    done: async () => {
      await stopEmbedded(dataDir, true);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * One `dbalign` process, from start to exit: wall time, its own peak memory and CPU time (reported by a
 * preloaded module, so no GNU time is needed) and its stdout. Exit codes 0 and 2 are success.
 */
export function runCli(args: string[], cwd = process.cwd()): { ms: number; peakMB: number; cpuMs: number; stdout: string } {
  const peakFile = path.join(os.tmpdir(), `dbalign-bench-peak-${process.pid}`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', path.join(here, 'peak.mjs'), cli, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, DBALIGN_BENCH_PEAK: peakFile },
  });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 2) throw new Error(`dbalign ${args[0]} failed: ${r.stderr}`);
  const [peakMB, cpuMs] = fs.readFileSync(peakFile, 'utf8').split(' ').map(Number) as [number, number];
  fs.rmSync(peakFile);
  return { ms, peakMB, cpuMs, stdout: r.stdout };
}
