#!/usr/bin/env node
// Runs the built dbalign CLI over local copies of real Supabase projects and
// reports, by project, whether the migrations build a shadow database, whether
// `reset` (migrations and seeds) works, and whether `diff migrations→local` is
// empty. Nothing here fetches anything: the copies are the user's (clone each
// repository at the listed commit; `extract` copies the supabase/ folders out).
// A diff that is not empty is checked once more against a reset without seeds:
// when that one is empty, the only differences are objects the seed files
// create (functions, say), and the project counts as aligned, marked `seeds`.
//
//   node scripts/real-projects.mjs run <dir> [--list FILE] [--only a,b] [--concurrency N]
//        [--timeout SECONDS] [--json FILE] [--markdown] [--build LABEL] [--logs DIR]
//   node scripts/real-projects.mjs extract <list> <dest> --repos <dir>
//   node scripts/real-projects.mjs report <results.json>... [--markdown] [--json FILE]
//
// <dir> holds one folder per project, named <owner>__<name>, each with a
// supabase/ folder (a folder of any other name with a supabase/ folder is run
// too). The list file has one project a line: `owner/name commit [subdir]`,
// where subdir is the folder holding supabase/ in that repository (default:
// its root); `#` starts a comment.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs as parseCommandLine } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli', 'main.js');

function usage(message) {
  if (message) process.stderr.write(`error: ${message}\n`);
  process.stderr.write(
    'usage: real-projects.mjs run <dir> [--list FILE] [--only a,b] [--concurrency N] [--timeout S] [--json FILE] [--markdown] [--build LABEL] [--logs DIR]\n' +
      '       real-projects.mjs extract <list> <dest> --repos <dir>\n' +
      '       real-projects.mjs report <results.json>... [--markdown] [--json FILE]\n',
  );
  process.exit(1);
}

/** Flags as declared (anything else is refused with the usage); the rest are positional. */
function parseArgs(argv) {
  try {
    const { values, positionals } = parseCommandLine({
      args: argv,
      allowPositionals: true,
      options: {
        list: { type: 'string' },
        only: { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'string' },
        markdown: { type: 'boolean' },
        build: { type: 'string' },
        logs: { type: 'string' },
        repos: { type: 'string' },
      },
    });
    return { positional: positionals, flags: values };
  } catch (err) {
    usage(err.message);
  }
}

/** `owner/name commit [subdir]` lines. */
function readList(file) {
  const out = [];
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [repo, commit, subdir = ''] = line.split(/\s+/);
    if (!/^[^/\s]+\/[^/\s]+$/.test(repo ?? '') || !/^[0-9a-f]{7,40}$/i.test(commit ?? '')) usage(`bad line in ${file}: ${raw}`);
    out.push({ repo, commit, subdir: subdir.replace(/^\/+|\/+$/g, ''), folder: repo.replace('/', '__') });
  }
  return out;
}

// ---------------------------------------------------------------- extract

/** A git directory for owner/name under `repos`: a bare mirror or a clone, in the usual layouts. */
function findGitDir(repos, repo) {
  const [owner, name] = repo.split('/');
  const candidates = [
    path.join(repos, `${owner}+${name}`, 'repo'),
    path.join(repos, `${owner}+${name}`),
    path.join(repos, `${owner}__${name}`),
    path.join(repos, owner, name),
    path.join(repos, name),
  ];
  for (const c of candidates) {
    for (const g of [path.join(c, '.git'), c]) {
      const r = spawnSync('git', ['--git-dir', g, 'rev-parse', '--git-dir'], { encoding: 'utf8' });
      if (r.status === 0 && fs.existsSync(g)) return g;
    }
  }
  return undefined;
}

function extract(listFile, dest, repos) {
  fs.mkdirSync(dest, { recursive: true });
  let failed = 0;
  for (const p of readList(listFile)) {
    const gitDir = findGitDir(repos, p.repo);
    if (!gitDir) {
      process.stderr.write(`${p.repo}: no git directory under ${repos}\n`);
      failed++;
      continue;
    }
    const target = path.join(dest, p.folder);
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    const inside = p.subdir ? `${p.subdir}/supabase` : 'supabase';
    // The tree of supabase/ alone: a partial clone may lack the rest.
    const archive = spawnSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', '--prefix=supabase/', `${p.commit}:${inside}`], { maxBuffer: 1 << 30 });
    if (archive.status !== 0) {
      process.stderr.write(`${p.repo}: git archive ${p.commit} ${inside} failed: ${String(archive.stderr).trim()}\n`);
      failed++;
      continue;
    }
    const tar = spawnSync('tar', ['-x', '-C', target], { input: archive.stdout });
    if (tar.status !== 0) {
      process.stderr.write(`${p.repo}: tar failed: ${String(tar.stderr).trim()}\n`);
      failed++;
      continue;
    }
    process.stdout.write(`${p.repo} ${p.commit.slice(0, 10)} -> ${target} (${countMigrations(target)} migrations)\n`);
  }
  process.exit(failed ? 1 : 0);
}

// ---------------------------------------------------------------- run

function countMigrations(dir) {
  try {
    return fs.readdirSync(path.join(dir, 'supabase', 'migrations')).filter((f) => f.endsWith('.sql')).length;
  } catch {
    return 0;
  }
}

/** PostgreSQL major the project asks for in config.toml (15 or 17; 17 otherwise). */
function projectMajor(dir) {
  try {
    const toml = fs.readFileSync(path.join(dir, 'supabase', 'config.toml'), 'utf8');
    const m = /^\s*major_version\s*=\s*(\d+)/m.exec(toml);
    if (m && Number(m[1]) === 15) return 15;
  } catch {
    // no config.toml: the default
  }
  return 17;
}

/** Runs the CLI; resolves with its exit code, output and time. */
function runCli(args, cwd, timeoutMs) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', DBALIGN_REMOTE_URL: '', DBALIGN_LOCAL_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: timedOut ? 'timeout' : code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** The line that says what went wrong: dbalign's `error:` line, else the last line. */
function firstError(r) {
  if (r.code === 'timeout') return 'timed out';
  const lines = r.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const err = lines.find((l) => l.startsWith('error:'));
  if (err) return err.slice('error:'.length).trim();
  try {
    const j = JSON.parse(r.stdout);
    if (j.error) return j.error;
  } catch {
    // not JSON
  }
  return lines.at(-1) ?? `exit ${r.code}`;
}

async function startServers(dataRoot) {
  const { startEmbedded } = await import(path.join(root, 'dist', 'db', 'embedded.js'));
  const servers = new Map();
  return {
    // One server per worker and major: `reset` connects to template1 to recreate its
    // database, which makes a CREATE DATABASE running at the same time on that server fail.
    async get(major, worker) {
      const key = `${major}-${worker}`;
      if (!servers.has(key)) {
        servers.set(key, startEmbedded({ dataDir: path.join(dataRoot, `pg${key}`), major, durable: false }));
      }
      return servers.get(key);
    },
    async stop() {
      for (const s of servers.values()) await (await s).release().catch(() => undefined);
    },
  };
}

async function runProject(p, servers, timeoutMs, index, worker, logs) {
  const dir = p.dir;
  const major = projectMajor(dir);
  const server = await servers.get(major, worker);
  const shadow = server.url('postgres');
  const db = `real_${index}_${Date.now().toString(36)}`;
  const local = server.url(db);
  const common = ['--workdir', dir, '--profile', 'supabase'];
  const result = { project: p.repo ?? p.folder, commit: p.commit ?? null, migrations: countMigrations(dir), major };
  const t0 = performance.now();

  // (a) the migrations alone build a shadow database
  const snap = path.join(os.tmpdir(), `${db}.json`);
  const build = await runCli(['snapshot', '--db', 'migrations', '--out', snap, '--shadow', shadow, ...common], dir, timeoutMs);
  fs.rmSync(snap, { force: true });
  result.build = build.code === 0 ? 'ok' : 'fail';
  result.buildMs = Math.round(build.ms);
  if (build.code !== 0) result.buildError = firstError(build);

  // (b) reset: migrations and seeds, with history, on a fresh database
  const reset = await runCli(['reset', '--yes', '--local', local, '--json', ...common], dir, timeoutMs);
  result.reset = reset.code === 0 ? 'ok' : 'fail';
  result.resetMs = Math.round(reset.ms);
  if (reset.code !== 0) result.resetError = firstError(reset);

  // (c) what the migrations build equals what reset left (empty diff)
  let diffOutput = '';
  const dropAlso = [];
  if (build.code === 0 && reset.code === 0) {
    const diff = await runCli(['diff', '--from', 'migrations', '--to', 'local', '--local', local, '--shadow', shadow, '--exit-code', ...common], dir, timeoutMs);
    result.diff = diff.code === 0 ? 'empty' : diff.code === 2 ? 'differs' : 'fail';
    result.diffMs = Math.round(diff.ms);
    diffOutput = diff.stdout + diff.stderr;
    if (diff.code === 2) {
      const stmts = diff.stdout.split('\n').filter((l) => l.trim() && !l.startsWith('--'));
      result.diffError = `${stmts.length} line(s), first: ${stmts[0] ?? ''}`.slice(0, 300);
      // Seed files may create schema objects (functions, say): that difference is real. Is it the only one?
      const bare = server.url(`${db}_noseed`);
      const resetBare = await runCli(['reset', '--yes', '--local', bare, '--no-seed', ...common], dir, timeoutMs);
      if (resetBare.code === 0) {
        const diffBare = await runCli(['diff', '--from', 'migrations', '--to', 'local', '--local', bare, '--shadow', shadow, '--exit-code', ...common], dir, timeoutMs);
        if (diffBare.code === 0) {
          result.diff = 'seeds';
          result.diffError = `only objects the seed files create (${stmts.length} line(s)); without seeds the diff is empty`;
        }
      }
      dropAlso.push(`${db}_noseed`);
    } else if (diff.code !== 0) result.diffError = firstError(diff);
  } else result.diff = '-';

  // drop the database reset made
  try {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: shadow });
    await c.connect();
    for (const name of [db, ...dropAlso]) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  } catch {
    // a leftover database on a throwaway server
  }
  if (logs) {
    // Everything each step printed, to read a failure or a diff in full.
    fs.mkdirSync(logs, { recursive: true });
    const base = path.join(logs, (p.repo ?? p.folder).replace('/', '__'));
    fs.writeFileSync(`${base}.build.txt`, build.stderr + build.stdout);
    fs.writeFileSync(`${base}.reset.txt`, reset.stderr + reset.stdout);
    if (result.diff !== '-') fs.writeFileSync(`${base}.diff.sql`, diffOutput);
  }
  result.ok = result.build === 'ok' && result.reset === 'ok' && (result.diff === 'empty' || result.diff === 'seeds');
  result.error = result.buildError ?? result.resetError ?? result.diffError ?? '';
  result.seconds = Math.round((performance.now() - t0) / 100) / 10;
  return result;
}

function projectsIn(dir, listFile, only) {
  if (!fs.existsSync(dir)) usage(`${dir} does not exist (run extract first)`);
  let projects;
  if (listFile) {
    projects = readList(listFile).map((p) => ({ ...p, dir: path.join(dir, p.folder) }));
    for (const p of projects) if (!fs.existsSync(path.join(p.dir, 'supabase'))) usage(`${p.repo}: no ${path.join(p.dir, 'supabase')} (run extract first)`);
  } else {
    projects = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'supabase')))
      .map((e) => ({ folder: e.name, repo: e.name.includes('__') ? e.name.replace('__', '/') : e.name, dir: path.join(dir, e.name) }))
      .sort((a, b) => a.folder.localeCompare(b.folder));
  }
  if (only) {
    const want = new Set(only.split(','));
    projects = projects.filter((p) => want.has(p.repo) || want.has(p.folder) || want.has(p.repo.split('/')[1]));
  }
  return projects;
}

/** The error without the advice around it, for a table cell. */
function brief(error) {
  return String(error ?? '')
    .replace(/^the migrations do not build a database: /, '')
    .replace(/; the file was rolled back.*$/, '')
    .replace(/, since dbalign runs each file in its own transaction.*$/, '')
    .replace(/ \(unexpected: please report it\)$/, '');
}

function cell(s, width) {
  s = String(s ?? '');
  return s.length > width ? s.slice(0, width - 1) + '…' : s.padEnd(width);
}

function textTable(results) {
  const lines = [];
  lines.push(`${cell('project', 44)} ${cell('migr', 5)} ${cell('build', 5)} ${cell('reset', 5)} ${cell('diff', 7)} ${cell('time', 7)} first error`);
  for (const r of results) {
    lines.push(`${cell(r.project, 44)} ${cell(r.migrations, 5)} ${cell(r.build, 5)} ${cell(r.reset, 5)} ${cell(r.diff, 7)} ${cell(r.seconds + ' s', 7)} ${brief(r.error)}`);
  }
  return lines.join('\n');
}

function totals(results) {
  const n = results.length;
  const count = (f) => results.filter(f).length;
  return {
    projects: n,
    build: count((r) => r.build === 'ok'),
    reset: count((r) => r.reset === 'ok'),
    diffEmpty: count((r) => r.diff === 'empty'),
    all: count((r) => r.ok),
    seedObjects: count((r) => r.diff === 'seeds'),
  };
}

function markdown(report) {
  const esc = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [];
  lines.push(`Measured ${report.date} on ${report.build ?? 'this build'} (PostgreSQL ${[...new Set(report.results.map((r) => r.major))].sort().join(' and ')}, embedded), ${report.seconds} s in all.`);
  lines.push('');
  lines.push('| project | commit | migrations | build | reset | diff | first error |');
  lines.push('| --- | --- | ---: | --- | --- | --- | --- |');
  for (const r of report.results) {
    lines.push(`| ${esc(r.project)} | ${r.commit ? r.commit.slice(0, 10) : ''} | ${r.migrations} | ${r.build} | ${r.reset} | ${r.diff} | ${esc(brief(r.error).slice(0, 160))} |`);
  }
  const t = report.totals;
  lines.push('');
  lines.push(
    `${t.all} of ${t.projects} build, reset with their seeds and give an empty diff (build ${t.build}, reset ${t.reset}, empty diff ${t.diffEmpty}` +
      (t.seedObjects ? `, and ${t.seedObjects} whose only differences are objects their seed files create` : '') +
      ').',
  );
  return lines.join('\n');
}

function printReport(report, flags) {
  if (flags.json) fs.writeFileSync(flags.json, JSON.stringify(report, null, 2) + '\n');
  const t = report.totals;
  process.stdout.write(
    (flags.markdown
      ? markdown(report)
      : textTable(report.results) +
        `\n\nTotal: ${t.all} of ${t.projects} aligned (build ${t.build}, reset ${t.reset}, empty diff ${t.diffEmpty}${t.seedObjects ? `, differences from seed objects only ${t.seedObjects}` : ''}); ${report.seconds} s.`) + '\n',
  );
}

/** Reports of several runs (say, a rerun of some projects) as one: a later run of a project replaces an earlier one. */
function report(files, flags) {
  const byProject = new Map();
  let seconds = 0;
  let last;
  for (const f of files) {
    const r = JSON.parse(fs.readFileSync(f, 'utf8'));
    for (const x of r.results) byProject.set(x.project, x);
    seconds += r.seconds;
    last = r;
  }
  const results = [...byProject.values()];
  printReport({ date: last.date, build: flags.build ?? last.build, seconds, totals: totals(results), results }, flags);
}

async function run(dir, flags) {
  if (!fs.existsSync(cli)) usage(`${cli} is missing: build first (npx tsc -p tsconfig.json)`);
  const projects = projectsIn(dir, flags.list, flags.only);
  if (!projects.length) usage(`no project folders with supabase/ under ${dir}`);
  const concurrency = Math.max(1, Number(flags.concurrency ?? 2));
  const timeoutMs = Number(flags.timeout ?? 900) * 1000;
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'dbalign-real-'));
  fs.chmodSync(dataRoot, 0o755); // run as root, the server runs as another user
  const servers = await startServers(dataRoot);
  const started = performance.now();
  const results = new Array(projects.length);
  let next = 0;
  const worker = async (w) => {
    while (next < projects.length) {
      const i = next++;
      const p = projects[i];
      process.stderr.write(`[${i + 1}/${projects.length}] ${p.repo ?? p.folder}…\n`);
      try {
        results[i] = await runProject(p, servers, timeoutMs, i, w, flags.logs);
      } catch (err) {
        results[i] = { project: p.repo ?? p.folder, commit: p.commit ?? null, migrations: countMigrations(p.dir), build: 'fail', reset: 'fail', diff: '-', ok: false, error: `script: ${err.message}`, seconds: 0 };
      }
      const r = results[i];
      process.stderr.write(`[${i + 1}/${projects.length}] ${r.project}: build ${r.build}, reset ${r.reset}, diff ${r.diff} (${r.seconds} s)${r.error ? ' — ' + r.error : ''}\n`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, projects.length) }, (_, w) => worker(w)));
  } finally {
    await servers.stop();
    fs.rmSync(dataRoot, { recursive: true, force: true });
  }
  const result = {
    date: new Date().toISOString().slice(0, 10),
    build: flags.build ?? null,
    seconds: Math.round((performance.now() - started) / 1000),
    totals: totals(results),
    results,
  };
  printReport(result, flags);
}

const [mode, ...rest] = process.argv.slice(2);
const { positional, flags } = parseArgs(rest);
if (mode === 'run' && positional.length === 1) await run(positional[0], flags);
else if (mode === 'extract' && positional.length === 2 && flags.repos) extract(positional[0], positional[1], flags.repos);
else if (mode === 'report' && positional.length >= 1) report(positional, flags);
else usage();
