/**
 * Every import in src/ points down the layers: catalog ← diff ← plan ← migrations ← procedure ← cli
 * (db/, errors.ts and durable.ts below all of them; index.ts, the library's entry, above).
 * Imports are found by TypeScript's own pre-processor, so dynamic imports and re-exports count.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { ROOT } from './helpers/pg.js';

const SRC = path.join(ROOT, 'src');

/** Rank of each top-level entry of src/: an import may only reach an equal or lower rank. */
const RANK: Record<string, number> = {
  'errors.ts': 0,
  'durable.ts': 0,
  db: 0,
  catalog: 1,
  diff: 2,
  plan: 3,
  migrations: 4,
  procedure: 5,
  cli: 6,
  'index.ts': 7,
};

function layerOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0]!;
}

/** Imports of one file that point up: "from → to (specifier)". */
export function upwardImports(file: string, text: string): string[] {
  const from = layerOf(file);
  const out: string[] = [];
  for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), ref.fileName);
    const to = layerOf(target);
    const rankFrom = RANK[from];
    const rankTo = RANK[to.replace(/\.js$/, '.ts')];
    if (rankFrom === undefined) out.push(`${path.relative(SRC, file)}: not in any layer (add ${from} to RANK)`);
    else if (rankTo === undefined) out.push(`${path.relative(SRC, file)} imports ${ref.fileName}, which is in no layer`);
    else if (rankTo > rankFrom) out.push(`${path.relative(SRC, file)} (${from}) imports ${ref.fileName} (${to})`);
  }
  return out;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('layers', () => {
  test('the check sees an upward import, a re-export and a dynamic import', () => {
    const file = path.join(SRC, 'catalog', 'read.ts');
    assert.deepEqual(upwardImports(file, `import { x } from '../procedure/supabase-profile.js';`), [
      'catalog/read.ts (catalog) imports ../procedure/supabase-profile.js (procedure)',
    ]);
    assert.equal(upwardImports(path.join(SRC, 'diff', 'index.ts'), `export { planChanges } from '../plan/plan.js';`).length, 1);
    assert.equal(upwardImports(path.join(SRC, 'plan', 'x.ts'), `const m = await import('../cli/main.js');`).length, 1);
    assert.deepEqual(upwardImports(path.join(SRC, 'plan', 'x.ts'), `import { a } from '../diff/diff.js'; import b from '../errors.js'; import pg from 'pg';`), []);
  });

  test('every import in src/ points down the layers', () => {
    const files = sources(SRC);
    assert.ok(files.length > 40, `expected the source tree under src/, found ${files.length} files`);
    const bad = files.flatMap((f) => upwardImports(f, fs.readFileSync(f, 'utf8')));
    assert.deepEqual(bad, []);
  });
});
