#!/usr/bin/env node
// Measures rename detection on real projects: for each migration file that
// renames something (ALTER … RENAME), the schema the migrations build before
// it and after it are compared with the built dbalign CLI, and the renames the
// file makes are looked up among the rename candidates dbalign finds.
//
//   node scripts/real-renames.mjs <dir> [--only owner__name,…] [--files REGEX] [--json FILE]
//
// <dir> holds one folder per project with a supabase/ folder, as for
// real-projects.mjs. Nothing is fetched.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli', 'main.js');
const [dir, ...rest] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: real-renames.mjs <dir> [--only a,b] [--files REGEX] [--json FILE]\n');
  process.exit(1);
}
const opt = (name) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
const only = opt('--only')?.split(',');
const named = opt('--files') ? new RegExp(opt('--files')) : undefined;

// What a file renames: `kind from=to` with bare lower-case names (schemas left out).
const bare = (s) => s.replace(/"/g, '').split('.').pop().toLowerCase();
function renamesIn(sql) {
  const out = [];
  const text = sql.replace(/--[^\n]*/g, '');
  const re = /alter\s+(table|view|materialized\s+view|sequence|function|procedure|type|index|schema)\s+(?:if\s+exists\s+)?(?:only\s+)?([\w".]+)(?:\s*\([^)]*\))?\s+rename\s+(?:to\s+([\w"]+)|(?:(column|constraint|value)\s+)?([\w"']+)\s+to\s+([\w"']+))/gi;
  for (const m of text.matchAll(re)) {
    const [, kind, name, to, sub, a, b] = m;
    if (to) out.push(`${kind.toLowerCase().replace(/\s+/g, ' ')} ${bare(name)}=${bare(to)}`);
    else out.push(`${(sub ?? 'column').toLowerCase()} ${bare(a)}=${bare(b)}`.replace(/'/g, ''));
  }
  return out;
}

/** Every name in a snapshot file (objects, columns, labels), to tell a rename that lasts from one undone in the same file. */
function namesOf(file) {
  const names = new Set();
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (typeof v.name === 'string') names.add(v.name.toLowerCase());
      if (Array.isArray(v.labels)) v.labels.forEach((l) => names.add(String(l).toLowerCase()));
      Object.values(v).forEach(walk);
    }
  };
  walk(JSON.parse(fs.readFileSync(file, 'utf8')).objects);
  return names;
}

function run(args, cwd) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dbalign-renames-'));
// The embedded server may run as another user, who must reach the shadow's folder.
fs.chmodSync(work, 0o755);
const results = [];
for (const project of fs.readdirSync(dir).sort()) {
  if (only && !only.includes(project)) continue;
  const migrations = path.join(dir, project, 'supabase', 'migrations');
  if (!fs.existsSync(migrations)) continue;
  const files = fs.readdirSync(migrations).filter((f) => /^\d+_.*\.sql$/.test(f)).sort();
  for (const file of files) {
    if (named && !named.test(file)) continue;
    const expected = renamesIn(fs.readFileSync(path.join(migrations, file), 'utf8')).filter((r) => !r.startsWith('kind'));
    if (!expected.length) continue;
    const snaps = {};
    let error;
    for (const [side, upto] of [['before', files.indexOf(file)], ['after', files.indexOf(file) + 1]]) {
      const proj = path.join(work, side);
      fs.rmSync(proj, { recursive: true, force: true });
      fs.cpSync(path.join(dir, project, 'supabase'), path.join(proj, 'supabase'), { recursive: true, filter: (src) => !src.includes(`${path.sep}.dbalign`) });
      for (const f of files.slice(upto)) fs.rmSync(path.join(proj, 'supabase', 'migrations', f));
      const r = run(['snapshot', '--db', 'migrations', '--out', path.join(work, `${side}.json`)], proj);
      if (r.code !== 0) error = `${side}: ${r.stderr.trim().split('\n').pop()}`;
      snaps[side] = path.join(work, `${side}.json`);
    }
    let candidates = [];
    let lasting = expected;
    if (!error) {
      // A rename whose old name is still there after the file, or whose new one is not, was undone or rebuilt in the file.
      const [b, a] = [namesOf(snaps.before), namesOf(snaps.after)];
      lasting = expected.filter((e) => {
        const [from, to] = e.split(' ')[1].split('=');
        return b.has(from) && !a.has(from) && a.has(to);
      });
      // --yes confirms the exact candidates, so a renamed table's columns, keys and indexes are matched inside it;
      // a table also altered stops the plan with its flag, which is then given.
      let d = run(['diff', '--from', snaps.before, '--to', snaps.after, '--json', '--yes'], path.join(work, 'after'));
      const failure = (r) => {
        try {
          return JSON.parse(r.stdout).error ?? r.stderr.trim();
        } catch {
          return r.stderr.trim();
        }
      };
      const flags = [...(failure(d).match(/keep the data with (.*), or pass --allow-data-loss/)?.[1] ?? '').matchAll(/--rename (\S+)/g)].flatMap((m) => ['--rename', m[1]]);
      if (d.code !== 0 && flags.length) d = run(['diff', '--from', snaps.before, '--to', snaps.after, '--json', '--yes', ...flags], path.join(work, 'after'));
      if (d.code !== 0) error = `diff: ${failure(d).split('\n').pop()}`;
      else candidates = JSON.parse(d.stdout).renames.candidates.map((c) => `${c.kind} ${bare(c.from)}=${bare(c.to)}`);
    }
    const found = lasting.filter((e) => candidates.some((c) => c.split(' ')[1] === e.split(' ')[1]));
    results.push({ project, file, renames: expected, lasting, candidates, found: found.length, error });
    process.stdout.write(`${project} ${file}: ${error ? `error ${error}` : `${found.length}/${lasting.length} found (renames ${lasting.join(', ') || 'none'} of ${expected.length}; candidates ${candidates.join(', ') || 'none'})`}\n`);
  }
}
const ok = results.filter((r) => !r.error);
process.stdout.write(`\n${ok.reduce((n, r) => n + r.found, 0)} of ${ok.reduce((n, r) => n + r.lasting.length, 0)} lasting renames found as candidates, in ${ok.length} files (${results.length - ok.length} files not built)\n`);
if (opt('--json')) fs.writeFileSync(opt('--json'), JSON.stringify(results, null, 2));
fs.rmSync(work, { recursive: true, force: true });
