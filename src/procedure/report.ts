/**
 * The alignment report: what was found, chosen and done, and how it was
 * verified — the "document alignment actions taken" step, as Markdown for
 * people and JSON for tools. Written readable by the owner only.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DdlEvent } from './guard.js';
import type { RenameReport } from './renames.js';

export type StrategyName = 'A' | 'B' | 'C';

export const STRATEGY_TITLES: Record<StrategyName, string> = {
  A: 'Strategy A: production is the source of truth (pull)',
  B: 'Strategy B: local is the source of truth (push)',
  C: 'Strategy C: repair the migration history',
};

export interface CheckItem {
  item: string;
  ok: boolean;
  detail: string;
}

export interface Recommendation {
  strategy: StrategyName;
  reason: string;
}

export interface Action {
  strategy: StrategyName;
  description: string;
  /** SQL run on the remote (A records, B applies). */
  statements: string[];
  /** History rows written or deleted, by version. */
  historyRows: string[];
  file?: string;
}

export interface SchemaFinding {
  comparison: string;
  differences: number;
  objects: Array<{ key: string; kind: string; op: string }>;
}

export interface Report {
  tool: 'dbalign';
  startedAt: string;
  finishedAt: string;
  remote: string;
  local: string;
  dryRun: boolean;
  outcome: 'aligned' | 'not aligned' | 'failed' | 'dry run' | 'already aligned';
  checklist: CheckItem[];
  assessment: {
    history: { pending: string[]; remoteOnly: string[]; modified: string[]; outOfOrder: string[]; applied: number };
    schema: SchemaFinding[];
    ddlOutsideDbalign: DdlEvent[];
  };
  recommended: Recommendation[];
  chosen: StrategyName[];
  overridden: boolean;
  actions: Action[];
  backup: string | null;
  verification: CheckItem[];
  timingsMs: Record<string, number>;
  /**
   * Extensions the shadow and local databases had as dbalign stand-ins
   * (standins/ in the package): their members and versions are never compared.
   */
  standins: string[];
  /** Rename candidates met by the plans this run made (declarative catch-up, pull), and how each was decided. */
  renames?: RenameReport;
  error?: string;
  warnings: string[];
}

const tick = (ok: boolean) => (ok ? '✅' : '❌');

function listOrNone(items: string[]): string {
  return items.length ? items.map((v) => `\`${v}\``).join(', ') : 'none';
}

export function renderMarkdown(r: Report): string {
  const out: string[] = [];
  out.push(`# dbalign alignment report`, '');
  out.push(`- **Outcome:** ${r.outcome}${r.error ? ` — ${r.error}` : ''}`);
  out.push(`- **Started:** ${r.startedAt}  **Finished:** ${r.finishedAt}`);
  out.push(`- **Remote:** ${r.remote}  **Local:** ${r.local}`);
  out.push(`- **Backup:** ${r.backup ?? (r.dryRun ? 'not needed (dry run)' : 'none')}`);
  if (r.renames?.decisions.length) {
    out.push(`- **Renames:** ${r.renames.decisions.map((d) => `${d.candidate.kind} \`${d.candidate.from}\` → \`${d.candidate.to}\` (${d.by})`).join(', ')}`);
  }
  if (r.standins.length) {
    out.push(`- **Stand-ins:** ${listOrNone(r.standins)} (dbalign's stand-ins for extensions its embedded server lacks, in the shadow and local databases; their members and versions are not compared)`);
  }
  out.push('');

  out.push('## Pre-alignment checklist', '', '| | Item | Detail |', '| --- | --- | --- |');
  for (const c of r.checklist) out.push(`| ${tick(c.ok)} | ${c.item} | ${c.detail} |`);
  out.push('');

  const h = r.assessment.history;
  out.push('## Assessment', '', '### Migration history', '');
  out.push(`- Applied on the remote: ${h.applied}`);
  out.push(`- Pending (local only): ${listOrNone(h.pending)}`);
  out.push(`- On the remote with no local file: ${listOrNone(h.remoteOnly)}`);
  out.push(`- Edited after being applied: ${listOrNone(h.modified)}`);
  out.push(`- Out of order: ${listOrNone(h.outOfOrder)}`, '');
  out.push('### Schema', '');
  for (const s of r.assessment.schema) {
    out.push(`- ${s.comparison}: ${s.differences === 0 ? 'no differences' : `${s.differences} object(s) differ`}`);
    for (const o of s.objects.slice(0, 50)) out.push(`  - ${o.op} ${o.kind} \`${o.key}\``);
    if (s.objects.length > 50) out.push(`  - … and ${s.objects.length - 50} more`);
  }
  out.push('');
  if (r.assessment.ddlOutsideDbalign.length) {
    out.push('### DDL run outside dbalign (recorded by the guard)', '', '| When (UTC) | Role | Command | Object |', '| --- | --- | --- | --- |');
    for (const e of r.assessment.ddlOutsideDbalign) out.push(`| ${e.executedAt} | ${e.role} | ${e.commandTag} | ${e.objectIdentity ?? ''} |`);
    out.push('');
  }

  out.push('## Strategy', '');
  if (r.recommended.length === 0) out.push('Nothing to do: local and remote are aligned.');
  for (const rec of r.recommended) out.push(`- **${STRATEGY_TITLES[rec.strategy]}** — ${rec.reason}`);
  if (r.overridden) out.push('', `Chosen by --strategy: ${r.chosen.join(', ') || 'none'}.`);
  out.push('');

  out.push('## Actions', '');
  if (r.actions.length === 0) out.push(r.dryRun ? 'Dry run: nothing was done.' : 'None.');
  for (const a of r.actions) {
    out.push(`### ${a.strategy}: ${a.description}`, '');
    if (a.file) out.push(`File: \`${a.file}\``, '');
    if (a.historyRows.length) out.push(`History rows: ${listOrNone(a.historyRows)}`, '');
    if (a.statements.length) out.push('```sql', ...a.statements.map((s) => (s.trimEnd().endsWith(';') ? s.trimEnd() : s.trimEnd() + ';')), '```', '');
  }

  out.push('## Verification', '');
  if (r.verification.length === 0) out.push('Not run.');
  else {
    out.push('| | Check | Detail |', '| --- | --- | --- |');
    for (const v of r.verification) out.push(`| ${tick(v.ok)} | ${v.item} | ${v.detail} |`);
  }
  out.push('');
  if (r.warnings.length) {
    out.push('## Warnings', '', ...r.warnings.map((w) => `- ${w}`), '');
  }
  out.push('## Timings', '', '| Step | ms |', '| --- | ---: |');
  for (const [k, v] of Object.entries(r.timingsMs)) out.push(`| ${k} | ${Math.round(v)} |`);
  out.push('');
  return out.join('\n');
}

/** Writes FILE.md and FILE.json (mode 600); `target` may name either or a folder. */
export async function writeReport(report: Report, target: string): Promise<{ markdown: string; json: string }> {
  let base: string;
  if (/\.(md|json)$/i.test(target)) base = target.replace(/\.(md|json)$/i, '');
  else {
    await fs.mkdir(target, { recursive: true, mode: 0o700 });
    base = path.join(target, `align-${report.startedAt.replace(/[-:]/g, '').replace(/\..*/, 'Z')}`);
  }
  await fs.mkdir(path.dirname(base), { recursive: true, mode: 0o700 });
  const markdown = `${base}.md`;
  const json = `${base}.json`;
  await fs.writeFile(markdown, renderMarkdown(report), { mode: 0o600 });
  await fs.writeFile(json, JSON.stringify(report, null, 2) + '\n', { mode: 0o600 });
  await fs.chmod(markdown, 0o600);
  await fs.chmod(json, 0o600);
  return { markdown, json };
}
