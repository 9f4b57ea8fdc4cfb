/**
 * The registry of kinds (src/plan/kinds/): one spec per kind, checked by the compiler, and the
 * order and privilege facts the plan relies on.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { DIFF_RULES } from '../src/diff/kinds.js';
import { KINDS } from '../src/plan/kinds/index.js';
import { ROOT } from './helpers/pg.js';

/** Type-checks modules placed in src/plan/kinds/ (one program: it is slow) and returns each one's error messages. */
function typeErrors(sources: Record<string, string>): Record<string, string[]> {
  const files = new Map(Object.entries(sources).map(([name, text]) => [path.join(ROOT, 'src', 'plan', 'kinds', `__${name}__.ts`), text]));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => files.get(path.resolve(name)) ?? read(name);
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(path.resolve(name)) || exists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const out: Record<string, string[]> = {};
  for (const [name] of Object.entries(sources)) {
    const file = path.join(ROOT, 'src', 'plan', 'kinds', `__${name}__.ts`);
    out[name] = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return out;
}

describe('kinds', () => {
  test('the plan and the diff know the same kinds', () => {
    assert.deepEqual(Object.keys(KINDS).sort(), Object.keys(DIFF_RULES).sort());
    for (const [kind, spec] of Object.entries(KINDS)) assert.equal(spec.diff, DIFF_RULES[kind as keyof typeof DIFF_RULES], kind);
  });

  test('every kind has its own place in the order', () => {
    const orders = Object.values(KINDS).map((k) => k.order).sort((a, b) => a - b);
    assert.deepEqual(orders, orders.map((_, i) => i));
    // What exists before what uses it, when nothing recorded orders them.
    const before = (a: keyof typeof KINDS, b: keyof typeof KINDS) => assert.ok(KINDS[a].order < KINDS[b].order, `${a} before ${b}`);
    before('schema', 'table');
    before('type', 'table');
    before('function', 'table');
    before('table', 'index');
    before('table', 'view');
    before('view', 'matview');
  });

  test('kinds with privileges name a GRANT target; default privileges only where PostgreSQL has them', () => {
    const withGrants = Object.entries(KINDS).filter(([, k]) => k.grantTarget !== null).map(([n]) => n).sort();
    assert.deepEqual(withGrants, ['foreign_data_wrapper', 'function', 'language', 'matview', 'schema', 'sequence', 'server', 'table', 'type', 'view']);
    // ALTER DEFAULT PRIVILEGES has no ON FOREIGN DATA WRAPPERS, ON FOREIGN SERVERS or ON LANGUAGES.
    const withoutDefaults = new Set(['foreign_data_wrapper', 'server', 'language']);
    for (const [name, k] of Object.entries(KINDS)) assert.equal(k.defaultPrivileges !== null, k.grantTarget !== null && !withoutDefaults.has(name), name);
  });

  test('relations and types share one namespace: a dropped one frees its name for any of them', () => {
    const shared = Object.entries(KINDS).filter(([, k]) => k.relationNamespace).map(([n]) => n).sort();
    assert.deepEqual(shared, ['index', 'matview', 'sequence', 'table', 'type', 'view']);
  });

  test('the compiler refuses a registry that leaves a kind out', () => {
    const probe = (drop: string) => `
      import type { KindSpecs } from './spec.js';
      import { KINDS } from './index.js';
      const { ${drop}: _left, ...rest } = KINDS;
      export const partial: KindSpecs = rest;
    `;
    const errors = typeErrors({
      missing: probe('publication'),
      complete: `import type { KindSpecs } from './spec.js';\nimport { KINDS } from './index.js';\nexport const all: KindSpecs = KINDS;\n`,
    });
    assert.ok(errors.missing!.some((e) => e.includes("'publication'")), `expected a missing 'publication' error, got: ${errors.missing!.join(' | ')}`);
    assert.deepEqual(errors.complete, []);
  });
});
