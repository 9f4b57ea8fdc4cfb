import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from './helpers/pg.js';

describe('demo', () => {
  test('aligns a project with all three kinds of drift, on embedded databases alone', async () => {
    const res = await runCli(['demo', '--json']);
    assert.equal(res.code, 0, res.stderr);
    const report = JSON.parse(res.stdout);
    assert.equal(report.outcome, 'aligned');
    assert.deepEqual(report.chosen, ['C', 'B', 'A']);
    assert.deepEqual(report.assessment.history.remoteOnly, ['20240120150000']);
    assert.deepEqual(report.assessment.history.pending, ['20240201080000']);
    assert.ok(report.assessment.ddlOutsideDbalign.some((e: any) => e.commandTag === 'ALTER TABLE' && e.objectIdentity === 'public.posts'));
    assert.equal(report.verification.length, 3);
    assert.ok(report.verification.every((v: any) => v.ok));
    assert.ok(report.checklist.every((c: any) => c.ok));
  });

  test('prints the report as Markdown', async () => {
    const res = await runCli(['demo']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^# dbalign alignment report/m);
    assert.match(res.stdout, /- \*\*Outcome:\*\* aligned/);
    assert.match(res.stderr, /Drift: a hand-made change on production \(A\), a local migration not pushed \(B\), a history row with no file \(C\)/);
  });
});
