/**
 * What a shadow database costs beyond its migrations: the embedded server's
 * start (initdb too, the first time) and CREATE DATABASE, plus the Supabase
 * profile. Prints the median of RUNS runs, cold and warm.
 *
 *   npm run bench:shadow
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProject } from '../src/migrations/project.js';
import { createShadow } from '../src/procedure/shadow.js';
import { silentLog } from '../src/procedure/log.js';

const RUNS = Number(process.env.RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const major of [15, 17] as const) {
  for (const profile of ['plain', 'supabase'] as const) {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbalign-shadow-bench-'));
      fs.chmodSync(dir, 0o755);
      const project = await loadProject(dir);
      for (const bucket of [cold, warm]) {
        const t = performance.now();
        const shadow = await createShadow(project, [], { major, profile }, silentLog);
        bucket.push(performance.now() - t);
        await shadow.dispose();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(`PostgreSQL ${major}, ${profile} profile: first shadow (initdb + start) ${Math.round(median(cold))} ms, later shadows (start) ${Math.round(median(warm))} ms`);
  }
}
