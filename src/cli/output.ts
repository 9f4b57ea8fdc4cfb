/**
 * Everything the CLI shows: messages on stderr, results on stdout, colour
 * and progress bars only on a terminal, one JSON document under --json.
 */
import type cliProgress from 'cli-progress';
import type Table from 'cli-table3';
import { createRequire } from 'node:module';
import pc from 'picocolors';
import { scrub } from '../db/redact.js';
import type { Log } from '../procedure/log.js';

// Tables and bars are loaded when first shown: most runs show neither, and every command's time
// includes its start-up.
const require = createRequire(import.meta.url);
const progressBars = () => require('cli-progress') as typeof cliProgress;
const tables = () => require('cli-table3') as typeof Table;

export interface Output {
  json: boolean;
  log: Log;
  /** Writes a result line to stdout. */
  print(text: string): void;
  /** Writes the one JSON document of a --json run. */
  printJson(value: unknown): void;
  color: ReturnType<typeof pc.createColors>;
  /** Ends any progress bar before the process exits. */
  finish(): void;
}

export function createOutput(json: boolean, secrets: () => string[]): Output {
  const color = pc.createColors(Boolean(process.stderr.isTTY) && !process.env.NO_COLOR);
  const stdoutColor = pc.createColors(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  const clean = (s: string) => scrub(s, secrets());
  let bar: cliProgress.SingleBar | undefined;
  let barLabel = '';
  const stopBar = () => {
    bar?.stop();
    bar = undefined;
  };
  const log: Log = {
    info: (m) => {
      if (bar) return;
      process.stderr.write(clean(m) + '\n');
    },
    warn: (m) => {
      const wasBar = Boolean(bar);
      if (wasBar) stopBar();
      process.stderr.write(color.yellow('warning: ') + clean(m) + '\n');
    },
    progress: (label, done, total, detail) => {
      // Bars only on a terminal and only for work long enough to watch.
      if (!process.stderr.isTTY || total < 5) return;
      if (!bar || barLabel !== label) {
        stopBar();
        barLabel = label;
        const { SingleBar, Presets } = progressBars();
        bar = new SingleBar(
          { format: `${label} [{bar}] {value}/{total} {detail}`, stream: process.stderr, clearOnComplete: true, hideCursor: true },
          Presets.shades_classic,
        );
        bar.start(total, done, { detail: detail ?? '' });
      } else {
        bar.update(done, { detail: detail ?? '' });
      }
      if (done >= total) stopBar();
    },
  };
  return {
    json,
    log,
    color: stdoutColor,
    print: (text) => process.stdout.write(clean(text) + '\n'),
    printJson: (value) => process.stdout.write(clean(JSON.stringify(value, null, 2)) + '\n'),
    finish: stopBar,
  };
}

/** A table in the style of the Supabase CLI's `migration list`. */
export function renderTable(head: string[], rows: string[][]): string {
  const CliTable = tables();
  const table = new CliTable({
    head,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: ' ', 'left-mid': '', mid: '', 'mid-mid': '',
      right: '', 'right-mid': '', middle: '│',
    },
  });
  table.push(...rows);
  // A rule under the header only, as Supabase draws it.
  const [header = '', ...body] = table.toString().split('\n');
  const rule = header.replace(/[^│]/g, '─').replace(/│/g, '┼').replace(/^─/, ' ');
  return [header, rule, ...body].join('\n');
}
