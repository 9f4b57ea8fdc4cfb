// Runs the whole test suite: every test/*.test.ts against PostgreSQL 15 and 17.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The longest files start first, so none of them is left running alone at the end; the rest follow
// in name order. Conformance alone takes about as long as all the others together on 2 cores.
const LONGEST_FIRST = ['conformance', 'supabase-cli', 'tenants', 'embedded', 'faults', 'push', 'align', 'environments', 'fleet'];

const only = process.argv.slice(2);
const files = only.length
  ? only
  : fs
      .readdirSync('test')
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -'.test.ts'.length))
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
      .map((f) => path.join('test', `${f}.test.ts`));

function rank(name) {
  const i = LONGEST_FIRST.indexOf(name);
  return i < 0 ? LONGEST_FIRST.length : i;
}

// One file more than cores: many files spend much of their time waiting (on servers starting and
// stopping, locks, processes), and conformance holds one slot for most of the run.
const concurrency = Math.max(2, Math.min(4, os.availableParallelism() + 1));
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
