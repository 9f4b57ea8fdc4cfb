/**
 * Random migration folders, file names, file contents and history rows:
 * dbalign either accepts them or says what is wrong (a DbalignError), and
 * never crashes. Seeded, so a failure is reproducible (DBALIGN_FUZZ_SEED).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { DbalignError } from '../src/errors.js';
import { listMigrations, loadMigration } from '../src/migrations/files.js';
import { canonicalForm, loadParser, splitStatements } from '../src/migrations/sql.js';
import { assessHistory } from '../src/procedure/history.js';

const SEED = Number(process.env.DBALIGN_FUZZ_SEED ?? 20241124);
const ROUNDS = Number(process.env.DBALIGN_FUZZ_ROUNDS ?? 1500);

/** mulberry32: small, fast, good enough to drive a fuzzer. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'create table t (a int);', 'select 1;', "'", '"', '$$', '$x$', '/*', '*/', '--', '\n', ';', 'begin;', 'commit;',
  'E\'\\\'', 'begin atomic', 'end;', 'create index concurrently i on t (a);', 'vacuum;', '\u0000', '\uFEFF', 'é', '𝄞',
  'do $$ begin perform 1; end $$;', 'create function f() returns int language sql as $$ select 1 $$;', ' ', '\t', '(', ')',
  'insert into t values (1);', 'rollback;', 'savepoint s;', 'copy t from stdin;', '\\.', 'U&"\\0041"', "E'\\x41'",
];

function randomSql(r: () => number): string {
  const n = Math.floor(r() * 12);
  let s = '';
  for (let i = 0; i < n; i++) s += r() < 0.85 ? PIECES[Math.floor(r() * PIECES.length)] : String.fromCharCode(Math.floor(r() * 0x2fff));
  return s;
}

function randomBytes(r: () => number): Buffer {
  const b = Buffer.alloc(Math.floor(r() * 64));
  for (let i = 0; i < b.length; i++) b[i] = Math.floor(r() * 256);
  return b;
}

function randomName(r: () => number): string {
  const shapes = [
    () => `${Math.floor(r() * 1e14)}_${randomSql(r).replace(/[\/\u0000]/g, '').slice(0, 20)}.sql`,
    () => `${Math.floor(r() * 1e8)}_x.sql`,
    () => `${'0'.repeat(Math.floor(r() * 5))}${Math.floor(r() * 100)}_${'n'.repeat(Math.floor(r() * 3))}.sql`,
    () => `_${Math.floor(r() * 100)}.sql`,
    () => `${Math.floor(r() * 100)}.SQL`,
    () => `${'9'.repeat(1 + Math.floor(r() * 40))}_big.sql`,
    () => `notes ${Math.floor(r() * 100)}.md`,
  ];
  return shapes[Math.floor(r() * shapes.length)]!().slice(0, 200) || 'x';
}

/** Accepted, or refused with a DbalignError: anything else is a crash. */
async function survives(fn: () => unknown): Promise<'ok' | 'refused'> {
  try {
    await fn();
    return 'ok';
  } catch (err) {
    if (err instanceof DbalignError) {
      assert.ok(!err.message.includes('\n'), `a one-line message: ${JSON.stringify(err.message)}`);
      return 'refused';
    }
    throw err;
  }
}

describe(`fuzz (seed ${SEED}, ${ROUNDS} rounds)`, () => {
  before(() => loadParser());

  test('the splitter accepts or refuses random SQL, never crashes', async () => {
    const r = rng(SEED);
    const seen = { ok: 0, refused: 0 };
    for (let i = 0; i < ROUNDS * 4; i++) {
      const sql = r() < 0.2 ? randomBytes(r).toString('utf8') : randomSql(r);
      seen[await survives(() => splitStatements(sql, 'fuzz.sql'))]++;
      canonicalForm([sql]);
    }
    assert.ok(seen.ok > 0 && seen.refused > 0, JSON.stringify(seen));
  });

  test('random migration folders are listed, loaded and compared with random history, never crashing', async () => {
    const r = rng(SEED + 1);
    const seen = { ok: 0, refused: 0 };
    for (let round = 0; round < ROUNDS / 15; round++) {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-fuzz-'));
      const folder = path.join(dir, 'supabase', 'migrations');
      await fs.mkdir(folder, { recursive: true });
      for (let f = 0; f < 1 + Math.floor(r() * 8); f++) {
        const content = r() < 0.25 ? randomBytes(r) : Buffer.from(randomSql(r));
        await fs.writeFile(path.join(folder, randomName(r)), content).catch(() => undefined);
      }
      const outcome = await survives(async () => {
        const list = await listMigrations(dir);
        const loaded = new Map();
        for (const file of list.files) {
          if ((await survives(async () => loaded.set(file.version, await loadMigration(file)))) === 'ok') seen.ok++;
          else seen.refused++;
        }
        const rows = list.files
          .filter(() => r() < 0.5)
          .map((f) => ({ version: f.version, name: r() < 0.5 ? f.name : null, statements: r() < 0.3 ? null : [randomSql(r)] }));
        rows.push({ version: String(Math.floor(r() * 1e14)), name: 'remote', statements: [randomSql(r)] });
        const a = await assessHistory(list.files, loaded, rows);
        assert.equal(a.migrations.length, new Set([...list.files.map((f) => f.version), ...rows.map((x) => x.version)]).size);
      });
      seen[outcome]++;
      await fs.rm(dir, { recursive: true, force: true });
    }
    assert.ok(seen.ok > 0 && seen.refused > 0, JSON.stringify(seen));
  });
});
