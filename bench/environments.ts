/**
 * `check --all` against one `check --env NAME` per environment: the first
 * builds the migrations' shadow once and reads the environments four at a
 * time; the second builds a shadow per environment. N databases on one
 * embedded PostgreSQL 17 server, each pushed with the same 20 migrations.
 * Prints the median of RUNS rounds (the two run in turn in each round).
 *
 *   npx tsc -p tsconfig.json && node --import tsx bench/environments.ts
 */
import { makeProject, runCli, startTestServer } from '../test/helpers/pg.js';

const N = Number(process.env.N ?? 6);
const RUNS = Number(process.env.RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const srv = await startTestServer(17);
try {
  const urls = await Promise.all(Array.from({ length: N }, (_, i) => srv.createDatabase(`env${i}`)));
  const files: Record<string, string> = { 'dbalign.toml': urls.map((_, i) => `[environments.env${i}]\nurl_env = "ENV${i}_DB_URL"\n`).join('\n') };
  for (let i = 0; i < 20; i++) {
    files[`supabase/migrations/202401010000${String(i).padStart(2, '0')}_m${i}.sql`] = `create table t${i} (id int primary key, v text not null default ''); create index t${i}_v on t${i} (v);`;
  }
  const dir = await makeProject(files);
  const env = Object.fromEntries(urls.map((u, i) => [`ENV${i}_DB_URL`, u]));
  for (let i = 0; i < N; i++) {
    const r = await runCli(['push', '--yes', '--no-backup', '--env', `env${i}`], { cwd: dir, env });
    if (r.code !== 0) throw new Error(r.stderr);
  }
  const shadow = ['--shadow', srv.server.url()];
  const all: number[] = [];
  const each: number[] = [];
  for (let round = 0; round < RUNS; round++) {
    let t = performance.now();
    const r = await runCli(['check', '--all', ...shadow], { cwd: dir, env });
    if (r.code !== 0) throw new Error(r.stderr);
    all.push(performance.now() - t);
    t = performance.now();
    for (let i = 0; i < N; i++) {
      const one = await runCli(['check', '--env', `env${i}`, ...shadow], { cwd: dir, env });
      if (one.code !== 0) throw new Error(one.stderr);
    }
    each.push(performance.now() - t);
  }
  console.log(`${N} environments, 20 migrations: check --all ${(median(all) / 1000).toFixed(1)} s; ${N} × check --env ${(median(each) / 1000).toFixed(1)} s (medians of ${RUNS})`);
} finally {
  await srv.stop();
}
