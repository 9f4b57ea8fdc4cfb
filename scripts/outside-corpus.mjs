#!/usr/bin/env node
// Measures dbalign on a corpus of two-way schema cases written by another team:
// pg-delta's scenario corpus (packages/pg-delta/corpus/ in supabase/pg-toolbelt),
// one folder per scenario with a.sql and b.sql (the two states) and optionally
// seed.sql / seed-b.sql (data for the source side of a→b / b→a) and meta.json
// (isolatedCluster: the two sides need clusters of their own; minVersion).
// Nothing here fetches anything: `extract` reads a local clone (or bare git
// directory) and writes the cases to a folder outside this repository; `run`
// judges each case in both directions as test/conformance.test.ts does: plan
// from→to, apply it to `from`, then a second diff must be empty, the objects
// dbalign reports but does not compare must match, and pg_dump --schema-only of
// both databases must hold the same statements (when a pg_dump of the server's
// major is installed).
//
//   node scripts/outside-corpus.mjs extract <repo-git-dir-or-checkout> <dest> [--commit REV]
//   node scripts/outside-corpus.mjs run <dest> [--major 15|17] [--concurrency N] [--json FILE]
//        [--only REGEX] [--with-owners] [--timeout SECONDS]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs as parseCommandLine } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS_PATH = 'packages/pg-delta/corpus';
const CASE_FILES = ['a.sql', 'b.sql', 'seed.sql', 'seed-b.sql', 'meta.json'];

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

function usage(message) {
  if (message) process.stderr.write(`error: ${message}\n`);
  process.stderr.write(
    'usage: outside-corpus.mjs extract <repo-git-dir-or-checkout> <dest> [--commit REV]\n' +
      '       outside-corpus.mjs run <dest> [--major 15|17] [--concurrency N] [--json FILE] [--only REGEX] [--with-owners] [--timeout SECONDS]\n',
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
        commit: { type: 'string' },
        major: { type: 'string' },
        concurrency: { type: 'string' },
        json: { type: 'string' },
        only: { type: 'string' },
        'with-owners': { type: 'boolean' },
        timeout: { type: 'string' },
      },
    });
    return { positional: positionals, flags: values };
  } catch (err) {
    usage(err.message);
  }
}

// ------------------------------------------------------------------ extract

/** Reads files of one commit from a bare git directory, or of the work tree from a checkout. */
function openSource(src, commitFlag) {
  if (!fs.existsSync(src)) fail(`${src} does not exist: pass a clone of supabase/pg-toolbelt or its git directory`);
  const git = (args) => spawnSync('git', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const checkout = fs.existsSync(path.join(src, CORPUS_PATH));
  if (checkout && !commitFlag) {
    const rev = git(['-C', src, 'rev-parse', 'HEAD']);
    return {
      commit: rev.status === 0 ? rev.stdout.trim() : null,
      list: () =>
        fs
          .readdirSync(path.join(src, CORPUS_PATH), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => d.name),
      read: (rel) => {
        const f = path.join(src, CORPUS_PATH, rel);
        return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null;
      },
    };
  }
  const gitDir = fs.existsSync(path.join(src, '.git')) ? path.join(src, '.git') : src;
  const rev = git(['--git-dir', gitDir, 'rev-parse', `${commitFlag ?? 'HEAD'}^{commit}`]);
  if (rev.status !== 0) fail(`${src} is neither a checkout with ${CORPUS_PATH} nor a git directory holding ${commitFlag ?? 'HEAD'}`);
  const commit = rev.stdout.trim();
  const tree = git(['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', commit, `${CORPUS_PATH}/`]);
  if (tree.status !== 0 || !tree.stdout.trim()) fail(`commit ${commit} of ${src} has no ${CORPUS_PATH}: pass a commit of supabase/pg-toolbelt that has pg-delta's corpus (--commit)`);
  const files = new Set(tree.stdout.trim().split('\n'));
  return {
    commit,
    list: () => [...new Set([...files].map((f) => f.slice(CORPUS_PATH.length + 1).split('/')).filter((p) => p.length === 2).map((p) => p[0]))],
    read: (rel) => {
      const f = `${CORPUS_PATH}/${rel}`;
      if (!files.has(f)) return null;
      const show = git(['--git-dir', gitDir, 'show', `${commit}:${f}`]);
      if (show.status !== 0) fail(`git show ${commit}:${f} failed: ${show.stderr.trim()}`);
      return show.stdout;
    },
  };
}

function insideRepository(p) {
  const rel = path.relative(root, path.resolve(p));
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

function extract(positional, flags) {
  const [src, dest] = positional;
  if (!src || !dest) usage('extract needs <repo-git-dir-or-checkout> and <dest>');
  if (insideRepository(dest)) fail(`${dest} is inside this repository: extract the outside corpus to a folder elsewhere (it must never be committed)`);
  const source = openSource(src, flags.commit);
  fs.mkdirSync(dest, { recursive: true });
  let extracted = 0;
  const skipped = [];
  for (const name of source.list().sort()) {
    const content = Object.fromEntries(CASE_FILES.map((f) => [f, source.read(`${name}/${f}`)]));
    if (content['a.sql'] === null || content['b.sql'] === null) {
      skipped.push({ name, reason: 'no a.sql or b.sql' });
      continue;
    }
    let meta = {};
    if (content['meta.json'] !== null) {
      try {
        meta = JSON.parse(content['meta.json']);
      } catch (err) {
        skipped.push({ name, reason: `meta.json is not JSON: ${err.message}` });
        continue;
      }
    }
    const dir = path.join(dest, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const f of ['a.sql', 'b.sql', 'seed.sql', 'seed-b.sql']) {
      const target = path.join(dir, f);
      if (content[f] !== null) fs.writeFileSync(target, content[f]);
      else fs.rmSync(target, { force: true });
    }
    const info = {
      repository: 'supabase/pg-toolbelt',
      commit: source.commit,
      source: `${CORPUS_PATH}/${name}`,
      title: name,
      isolatedCluster: meta.isolatedCluster === true,
      minVersion: typeof meta.minVersion === 'number' ? meta.minVersion : null,
    };
    fs.writeFileSync(path.join(dir, 'case.json'), `${JSON.stringify(info, null, 2)}\n`);
    extracted++;
  }
  fs.writeFileSync(
    path.join(dest, 'corpus.json'),
    `${JSON.stringify({ repository: 'supabase/pg-toolbelt', path: CORPUS_PATH, commit: source.commit, cases: extracted, skipped }, null, 2)}\n`,
  );
  process.stdout.write(`${extracted} case(s) extracted to ${dest} from supabase/pg-toolbelt ${source.commit ?? '(commit unknown)'}; ${skipped.length} skipped\n`);
  for (const s of skipped) process.stdout.write(`  skipped ${s.name}: ${s.reason}\n`);
}

// ------------------------------------------------------------------ run

// Roles are cluster-wide: a case whose SQL creates, alters or drops one runs alone, and its roles are dropped after it.
const ROLE_DDL = /\b(?:create|drop|alter)\s+(?:role|user|group)\b/i;

function loadCases(dest, only) {
  const info = path.join(dest, 'corpus.json');
  if (!fs.existsSync(info)) fail(`${dest} holds no extracted corpus (no corpus.json): run \`extract\` first`);
  const corpus = JSON.parse(fs.readFileSync(info, 'utf8'));
  const read = (dir, f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : undefined);
  const cases = fs
    .readdirSync(dest, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dest, d.name, 'case.json')))
    .map((d) => d.name)
    .sort()
    .filter((name) => !only || only.test(name))
    .map((name) => {
      const dir = path.join(dest, name);
      return { name, meta: JSON.parse(read(dir, 'case.json')), a: read(dir, 'a.sql'), b: read(dir, 'b.sql'), seed: read(dir, 'seed.sql'), seedB: read(dir, 'seed-b.sql') };
    });
  return { corpus, cases };
}

/** Upper-case keywords at the head of a statement ("GRANT EXECUTE ON FUNCTION"): its class without the names. */
function statementHead(sql) {
  const words = [];
  for (const w of sql.trim().split(/\s+/)) {
    if (!/^[A-Z][A-Z_]*$/.test(w)) {
      if (words.length >= 2) break;
      continue;
    }
    words.push(w);
    if (words.length >= 5) break;
  }
  return words.join(' ') || sql.trim().split('\n')[0].slice(0, 60);
}

/** An error or warning line with its names taken out, so that like failures group together. */
function withoutNames(line) {
  return line
    .replace(/"(?:[^"]|"")*"/g, '"…"')
    .replace(/\b(function|procedure|aggregate|relation|table|view|column|constraint|index|sequence|type|role|schema|extension|policy|trigger|publication|domain|rule|server|collation) [A-Za-z_][\w$.]*(\([^)]*\))?/g, '$1 …')
    .replace(/\b\d+\b/g, 'N');
}

function firstLine(s) {
  return String(s).split('\n')[0];
}

/** The failure's class: what went wrong first, in the order the conformance test checks it. */
function classify(r) {
  if (r.warningsDiff) {
    const w = r.warningsDiff.onlyTo[0] ?? r.warningsDiff.onlyFrom[0];
    const tail = w.includes(': ') ? w.slice(w.lastIndexOf(': ') + 2) : withoutNames(w);
    return `left out: ${tail}`;
  }
  if (r.secondDiff) return `second diff: ${statementHead(r.secondDiff)}`;
  if (r.dumpDiff) {
    const st = r.dumpDiff.onlyTo[0] ?? r.dumpDiff.onlyFrom[0];
    return `pg_dump differs: ${statementHead(st)}`;
  }
  return null;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    }),
  ]);
}

async function run(positional, flags) {
  const [dest] = positional;
  if (!dest) usage('run needs <dest>, the folder `extract` wrote');
  const major = Number(flags.major ?? 15);
  if (major !== 15 && major !== 17) fail(`--major ${flags.major}: dbalign's embedded servers are PostgreSQL 15 and 17`);
  const concurrency = Math.max(1, Number(flags.concurrency ?? 2) || 1);
  const timeoutMs = Math.max(10, Number(flags.timeout ?? 180) || 180) * 1000;
  let only = null;
  if (flags.only) {
    try {
      only = new RegExp(flags.only);
    } catch (err) {
      fail(`--only ${flags.only} is not a regular expression: ${err.message}`);
    }
  }
  const { corpus, cases } = loadCases(dest, only);
  if (!cases.length) fail(`no case in ${dest}${only ? ` matches ${only}` : ''}`);

  // The judge is the conformance tests' own (test/helpers/schema.ts), in TypeScript: load it through tsx.
  const { register } = await import('tsx/esm/api');
  register();
  const helpers = await import(pathToFileURL(path.join(root, 'test', 'helpers', 'schema.ts')).href);
  const pgHelpers = await import(pathToFileURL(path.join(root, 'test', 'helpers', 'pg.ts')).href);
  const dump = await helpers.pgDumpFor(major);
  process.stdout.write(
    `outside corpus: ${cases.length} case(s) from ${corpus.repository} ${corpus.commit ?? ''} on PostgreSQL ${major}` +
      `${dump ? ', judged with pg_dump' : ` (no pg_dump ${major} installed: judged without pg_dump)`}${flags['with-owners'] ? ', owners compared' : ''}\n`,
  );
  const scope = { profile: 'plain', ...(flags['with-owners'] ? { withOwners: true } : {}) };

  const servers = [];
  const start = async () => {
    const s = await pgHelpers.startTestServer(major);
    servers.push(s);
    return s;
  };
  let shared;
  let pair = null;
  const results = [];
  const count = (st) => results.filter((r) => r.status === st).length;
  // Written after every run too (partial: true), so a run cut short still leaves its figures.
  function writeJson(partial) {
    if (!flags.json) return;
    const sorted = [...results].sort((x, y) => x.case.localeCompare(y.case) || x.direction.localeCompare(y.direction));
    const summary = { date: new Date().toISOString(), partial, major, pgDump: dump !== null, withOwners: !!flags['with-owners'], corpus, cases: cases.length, runs: results.length, loadable: results.length - count('unloadable'), passes: count('pass'), failures: count('fail'), unloadable: count('unloadable'), notRun };
    fs.writeFileSync(flags.json, `${JSON.stringify({ ...summary, results: sorted }, null, 2)}\n`);
  }
  const stopAll = async () => {
    for (const s of servers) await s.stop().catch(() => undefined);
  };
  process.once('SIGINT', () => {
    stopAll().finally(() => process.exit(130));
  });

  /** A server whose databases made during one run are remembered, to be dropped after it. */
  const recording = (server, made) => ({
    ...server,
    async createDatabase(prefix) {
      const url = await server.createDatabase(prefix);
      made.push([server, new URL(url).pathname.slice(1)]);
      return url;
    },
  });
  const rolesOf = async (server) => (await server.query(server.server.url('postgres'), 'SELECT rolname FROM pg_roles')).rows.map((r) => r.rolname);
  const dropRolesExcept = async (server, baseline) => {
    const keep = new Set(baseline);
    const url = server.server.url('postgres');
    for (const role of (await rolesOf(server)).filter((r) => !keep.has(r))) {
      const q = `"${role.replace(/"/g, '""')}"`;
      await server.query(url, `DROP OWNED BY ${q}`).catch(() => undefined);
      await server.query(url, `DROP ROLE ${q}`).catch((err) => process.stderr.write(`warning: could not drop role ${role}: ${err.message}\n`));
    }
  };

  const runOne = async (k, direction, from, to) => {
    const [fromSql, toSql, seed] = direction === 'a→b' ? [k.a, k.b, k.seed] : [k.b, k.a, k.seedB];
    const made = [];
    const result = { case: k.name, direction, status: 'fail', class: null, detail: null };
    const t0 = Date.now();
    try {
      const r = await withTimeout(
        helpers.checkDirection(recording(from, made), fromSql, toSql, { scope, seed, toServer: recording(to, made) }),
        timeoutMs,
        'the run',
      );
      const cls = classify(r);
      if (cls === null) result.status = 'pass';
      else {
        result.class = cls;
        result.detail = helpers.describeFailure(r);
      }
    } catch (err) {
      if (err instanceof helpers.CaseLoadError) {
        result.status = 'unloadable';
        result.class = withoutNames(firstLine(err.message));
      } else {
        const msg = String(err?.message ?? err);
        result.class = msg.startsWith('applying the plan failed: ')
          ? `apply failed: ${withoutNames(firstLine(msg.slice('applying the plan failed: '.length)))}`
          : `error: ${withoutNames(firstLine(msg))}`;
      }
      result.detail = String(err?.stack ?? err);
    }
    result.ms = Date.now() - t0;
    for (const [s, name] of made) {
      await s.query(s.server.url('postgres'), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    }
    results.push(result);
    writeJson(true);
    const mark = result.status === 'pass' ? 'pass' : result.status === 'unloadable' ? 'not loadable' : 'FAIL';
    process.stdout.write(`[${results.length}/${total}] ${mark} ${k.name} ${direction}${result.class ? `: ${result.class}` : ''}\n`);
  };

  const runs = [];
  const notRun = [];
  for (const k of cases) {
    for (const direction of ['a→b', 'b→a']) {
      if (k.meta.minVersion && k.meta.minVersion > major) notRun.push({ case: k.name, direction, reason: `needs PostgreSQL ${k.meta.minVersion}` });
      else runs.push({ k, direction, serial: k.meta.isolatedCluster || [k.a, k.b, k.seed, k.seedB].some((s) => s && ROLE_DDL.test(s)) });
    }
  }
  const total = runs.length;
  try {
    shared = await start();
    // Databases of one server run side by side; cases that touch roles run alone afterwards.
    const pool = runs.filter((x) => !x.serial);
    let cursor = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, pool.length) }, async () => {
        for (let i = cursor++; i < pool.length; i = cursor++) await runOne(pool[i].k, pool[i].direction, shared, shared);
      }),
    );
    for (const x of runs.filter((y) => y.serial)) {
      if (x.k.meta.isolatedCluster) {
        // The two sides differ in cluster-wide state (roles): each gets a server of its own.
        pair ??= await Promise.all([start(), start()]).then(async ([a, b]) => ({ a, b, baseA: await rolesOf(a), baseB: await rolesOf(b) }));
        await runOne(x.k, x.direction, pair.a, pair.b);
        await dropRolesExcept(pair.a, pair.baseA);
        await dropRolesExcept(pair.b, pair.baseB);
      } else {
        const base = await rolesOf(shared);
        await runOne(x.k, x.direction, shared, shared);
        await dropRolesExcept(shared, base);
      }
    }
  } finally {
    await stopAll();
  }

  const loadable = results.length - count('unloadable');
  const groups = new Map();
  for (const r of results.filter((x) => x.status === 'fail')) {
    const g = groups.get(r.class) ?? [];
    g.push(`${r.case} ${r.direction}`);
    groups.set(r.class, g);
  }
  const out = [];
  out.push('');
  out.push(`cases: ${cases.length}; runs: ${cases.length * 2} (${notRun.length} need a later PostgreSQL, ${count('unloadable')} do not load)`);
  out.push(`dbalign passes ${count('pass')} of ${loadable} loadable runs; ${count('fail')} fail`);
  out.push('');
  out.push('| failures | class | runs |');
  out.push('| ---: | --- | --- |');
  for (const [cls, list] of [...groups].sort((x, y) => y[1].length - x[1].length || x[0].localeCompare(y[0]))) {
    out.push(`| ${list.length} | ${cls.replace(/\|/g, '\\|')} | ${list.slice(0, 4).join(', ')}${list.length > 4 ? `, … (${list.length - 4} more)` : ''} |`);
  }
  if (count('unloadable')) {
    out.push('');
    out.push('not loadable:');
    for (const r of results.filter((x) => x.status === 'unloadable')) out.push(`  ${r.case} ${r.direction}: ${r.class}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  writeJson(false);
}

const [command, ...rest] = process.argv.slice(2);
const { positional, flags } = parseArgs(rest);
if (command === 'extract') extract(positional, flags);
else if (command === 'run') await run(positional, flags);
else usage(command ? `unknown command ${command}` : 'a command is needed');
