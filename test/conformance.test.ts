/**
 * migra's fixture cases and dbalign's own cases (test/conformance/<case>/),
 * run with dbalign's stronger check: apply the plan, then a second diff is
 * empty and pg_dump of both databases matches; a case's case.toml adds the
 * hazards its plan must carry and the objects it must not rebuild.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Scope } from '../src/catalog/types.js';
import { MAJORS, ROOT, startTestServer, type TestServer } from './helpers/pg.js';
import { loadLabelProvider } from './helpers/labels.js';
import { CASE_SETUP, createCaseTablespace, DIRECTIONS, checkBothDirections, describeFailure, expectationMisses, loadSchemaCases } from './helpers/schema.js';

// migra's fixtures sit next to the clone on the development machine and in CI, not in a user's
// clone: without them their cases are skipped, unless DBALIGN_REQUIRE_CORPUS=1 (CI) makes that a failure.
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus', 'migra');
const REQUIRE_CORPUS = process.env.DBALIGN_REQUIRE_CORPUS === '1';
const corpusPresent = fs.existsSync(CORPUS);
const cases = corpusPresent && !process.env.DBALIGN_CONFORMANCE_ONLY
  ? fs.readdirSync(CORPUS).filter((d) => fs.existsSync(path.join(CORPUS, d, 'a.sql'))).sort()
  : [];
const CORPUS_ABSENT = `migra's fixture cases are skipped: the corpus is not at ../shared/corpus/migra next to this clone (set DBALIGN_REQUIRE_CORPUS=1 to make its absence a failure)`;

// DBALIGN_CONFORMANCE_ONLY=<regex> runs only the cases whose folder name matches (and no migra case), for work on one family.
const ONLY = process.env.DBALIGN_CONFORMANCE_ONLY ? new RegExp(process.env.DBALIGN_CONFORMANCE_ONLY) : null;
const SCHEMA_CASES = loadSchemaCases().filter((k) => !ONLY || ONLY.test(k.slug));

// Directions marked todo are acceptance cases for work not done yet (kinds not modelled): they cannot
// fail a run, so by default they are not run, which keeps the suite's time for the cases that can.
const RUN_TODO = process.env.DBALIGN_CONFORMANCE_TODO === '1';
const todoOption = (reason: string) => (RUN_TODO ? { todo: reason } : { skip: `todo: ${reason} (DBALIGN_CONFORMANCE_TODO=1 runs it)` });

// Each case has its own databases, so cases run side by side: most of a case's time is waiting on the server.
// Two per major: each case runs its two directions at once, and the majors run side by side, so eight
// pipelines are in flight. With sixteen, on 2 cores under load, connections sat in authentication until
// the server dropped them (its authentication_timeout, 60 s).
const CONCURRENCY = Math.max(1, Number(process.env.DBALIGN_CONFORMANCE_CONCURRENCY ?? 2));

const SETUP = `DO $$ BEGIN CREATE ROLE schemainspect_test_role; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`;

function scopeFor(name: string): Scope {
  if (name === 'singleschema') return { profile: 'plain', includeSchemas: ['goodschema'] };
  if (name === 'excludeschema') return { profile: 'plain', excludeSchemas: ['excludedschema'] };
  return { profile: 'plain' };
}

/** Cases that cannot pass yet, with the reason. */
const TODO: Record<string, string> = {};

/** migra never runs these. */
const SKIP: Record<string, string> = {
  generated_added: 'migra never runs generated_added (see the corpus README)',
};

// The majors run side by side: this file is the suite's longest, so its length is the suite's.
describe('conformance', { concurrency: true }, () => {
  for (const major of MAJORS) {
    describe(`PostgreSQL ${major}`, { concurrency: CONCURRENCY }, () => {
      let server: TestServer;
      /** Why cases that need a security label provider cannot run here, if they cannot. */
      let labelsMissing: string | undefined;
      before(async () => {
        server = await startTestServer(major);
        // Roles are cluster-wide: made once here, as concurrent CREATE ROLEs of one name can collide.
        await server.query(server.server.url('postgres'), `${SETUP}\n${CASE_SETUP}`);
        await createCaseTablespace(server);
        const provider = await loadLabelProvider(server);
        labelsMissing = 'skip' in provider ? provider.skip : undefined;
      });
      after(async () => {
        await server?.stop();
      });
      test('the migra corpus is present', ONLY ? { skip: 'DBALIGN_CONFORMANCE_ONLY is set' } : !corpusPresent && !REQUIRE_CORPUS ? { skip: CORPUS_ABSENT } : {}, () => {
        assert.ok(corpusPresent, `the migra corpus is not at ../shared/corpus/migra next to this clone, and DBALIGN_REQUIRE_CORPUS=1 requires it`);
        assert.ok(cases.length >= 20, `expected at least 20 migra cases under ../shared/corpus/migra, found ${cases.length}`);
      });
      for (const name of cases) {
        let run: ReturnType<typeof checkBothDirections> | undefined;
        const both = () =>
          (run ??= checkBothDirections(
            server,
            fs.readFileSync(path.join(CORPUS, name, 'a.sql'), 'utf8'),
            fs.readFileSync(path.join(CORPUS, name, 'b.sql'), 'utf8'),
            { scope: scopeFor(name), setup: SETUP },
            DIRECTIONS.filter((d) => !TODO[`${name} ${d}`]),
          ));
        for (const dir of DIRECTIONS) {
          const opts = SKIP[name] ? { skip: SKIP[name] } : TODO[`${name} ${dir}`] ? { todo: TODO[`${name} ${dir}`] } : {};
          test(`${name} ${dir}`, opts, async (t) => {
            const r = (await both())[dir];
            if (r instanceof Error) throw r;
            assert.ok(r, `${dir} was not run`);
            if (r.dumpSkipped) t.diagnostic(r.dumpSkipped);
            assert.equal(r.secondDiff, '', describeFailure(r));
            assert.equal(r.dumpDiff, null, describeFailure(r));
          });
        }
      }
      test('dbalign cases: at least 150', ONLY ? { skip: 'DBALIGN_CONFORMANCE_ONLY is set' } : {}, () => {
        assert.ok(SCHEMA_CASES.length >= 150);
        assert.equal(new Set(SCHEMA_CASES.map((x) => x.name)).size, SCHEMA_CASES.length, 'case names are unique');
      });
      // A case's two directions share its databases and snapshots (checkBothDirections), run once for both tests.
      const runs = new Map<string, ReturnType<typeof checkBothDirections>>();
      const runCase = (k: (typeof SCHEMA_CASES)[number]) => {
        let run = runs.get(k.slug);
        if (!run) {
          const wanted = DIRECTIONS.filter((d) => RUN_TODO || !k.expect[d].todo);
          run = checkBothDirections(server, k.a, k.b, { scope: k.scope, setup: CASE_SETUP, supabase: k.supabase }, wanted);
          runs.set(k.slug, run);
        }
        return run;
      };
      for (const k of SCHEMA_CASES) {
        for (const dir of DIRECTIONS) {
          const e = k.expect[dir];
          test(`case ${k.name} ${dir}`, k.skip ? { skip: k.skip } : e.todo ? todoOption(e.todo) : {}, async (t) => {
            if (k.requires?.includes('label provider') && labelsMissing) return t.skip(labelsMissing);
            const r = (await runCase(k))[dir];
            if (r instanceof Error) throw r;
            assert.ok(r, `${dir} was not run`);
            if (r.dumpSkipped) t.diagnostic(r.dumpSkipped);
            // Steps, not the rendered SQL: a plan of warnings alone does nothing.
            assert.ok(r.steps.length > 0, `the two schemas differ, so the plan cannot be empty\n${describeFailure(r)}`);
            assert.equal(r.secondDiff, '', describeFailure(r));
            // Without a matching pg_dump (PostgreSQL 17 here) this is what sees an object the diff left out.
            assert.equal(r.warningsDiff, null, describeFailure(r));
            assert.equal(r.dumpDiff, null, describeFailure(r));
            assert.deepEqual(expectationMisses(r.steps, e), [], `test/conformance/${k.slug}/case.toml: ${dir}\n${describeFailure(r)}`);
          });
        }
      }
    });
  }
});
