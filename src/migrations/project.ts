/** A project's layout and its supabase/config.toml settings that dbalign reads. */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DbalignError, fileProblem } from '../errors.js';
import { isEmbeddedMajor, DEFAULT_MAJOR, type EmbeddedMajor } from '../db/embedded.js';
import { readUtf8 } from './files.js';

export interface Project {
  workdir: string;
  /** supabase/ folder of the project. */
  supabaseDir: string;
  /** PostgreSQL major of the local database ([db] major_version). */
  major: EmbeddedMajor;
  seed: { enabled: boolean; sqlPaths: string[] };
  /** [db.migrations] schema_paths: globs of declarative schema files, in order; empty: supabase/schemas/. */
  schemaPaths: string[];
  /** supabase/config.toml exists: migrations expect Supabase's roles and schemas. */
  isSupabase: boolean;
  /** .dbalign/ folder: local server data, never committed. */
  stateDir: string;
}

export async function loadProject(workdir: string): Promise<Project> {
  const root = path.resolve(workdir);
  const supabaseDir = path.join(root, 'supabase');
  const configPath = path.join(supabaseDir, 'config.toml');
  let config: Record<string, any> = {};
  let text: string | undefined;
  try {
    text = await readUtf8(configPath, 'config');
  } catch (err) {
    const exists = await fs.stat(configPath).then(() => true, () => false);
    if (exists) throw err;
  }
  if (text !== undefined) {
    try {
      const { parse } = await import('smol-toml');
      config = parse(text) as Record<string, any>;
    } catch (err) {
      const first = String((err as Error).message).split('\n')[0];
      throw new DbalignError(`supabase/config.toml is not valid TOML (${first}): fix it and run again`);
    }
  }
  const db = (config.db ?? {}) as Record<string, any>;
  const requested = db.major_version === undefined ? DEFAULT_MAJOR : Number(db.major_version);
  if (!isEmbeddedMajor(requested)) {
    throw new DbalignError(
      `supabase/config.toml asks for PostgreSQL ${db.major_version}; dbalign's embedded server runs 15 or 17: set [db] major_version to one of them, or pass --local <url>`,
    );
  }
  const seed = (db.seed ?? {}) as Record<string, any>;
  return {
    workdir: root,
    supabaseDir,
    major: requested,
    seed: {
      enabled: seed.enabled !== false,
      sqlPaths: Array.isArray(seed.sql_paths) ? seed.sql_paths.map(String) : ['./seed.sql'],
    },
    schemaPaths: Array.isArray(db.migrations?.schema_paths) ? db.migrations.schema_paths.map(String) : [],
    stateDir: path.join(root, '.dbalign'),
    isSupabase: text !== undefined,
  };
}

/** Makes .dbalign/ and keeps it out of git whatever the project's .gitignore says. */
export async function ensureStateDir(project: Project): Promise<string> {
  // Search-only for others: the server's own user (root runs it as another) must reach its data.
  await ignoreInGit(project.stateDir);
  await fs.chmod(project.stateDir, 0o711);
  return project.stateDir;
}

/** Creates `dir` (when missing) with a .gitignore of its own that keeps all of it out of git. */
export async function ignoreInGit(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, '.gitignore'), '*\n', { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  } catch (err) {
    throw new DbalignError(`cannot write in ${dir}: ${fileProblem(err)}; check the project folder's permissions (or pass --workdir to a writable copy)`, { cause: err });
  }
}

export interface SeedFile {
  /** Path relative to supabase/, as the Supabase CLI records it. */
  path: string;
  file: string;
  hash: string;
}

/** The seed files config.toml names (globs allowed), in order, deduplicated. */
export async function seedFiles(project: Project): Promise<SeedFile[]> {
  if (!project.seed.enabled) return [];
  const out: SeedFile[] = [];
  const seen = new Set<string>();
  for (const pattern of project.seed.sqlPaths) {
    const matches = await goGlob(project.supabaseDir, pattern, '[db.seed] sql_paths');
    for (const file of matches) {
      if (seen.has(file)) continue;
      seen.add(file);
      const text = await fs.readFile(file);
      const rel = path.relative(path.join(project.workdir), file).split(path.sep).join('/');
      out.push({ path: rel, file, hash: createHash('sha256').update(text).digest('hex') });
    }
  }
  return out;
}

/**
 * Files matching `pattern` under `base`, as Go's fs.Glob (what the Supabase
 * CLI uses for sql_paths and schema_paths) matches them: `*`, `?` and `[…]`
 * within one path segment (so `**` is `*`), sorted.
 */
export async function goGlob(base: string, pattern: string, setting: string, options: { directories?: boolean } = {}): Promise<string[]> {
  // The CLI joins every pattern to the supabase folder, an absolute one too.
  const segments = pattern.split('/').filter((s) => s !== '');
  let dirs = [path.resolve(base)];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = i === segments.length - 1;
    const next: string[] = [];
    if (!/[*?[\\]/.test(seg)) {
      for (const d of dirs) next.push(path.join(d, seg));
    } else {
      const re = segmentRegExp(seg, pattern, setting);
      for (const d of dirs) {
        const names = await fs.readdir(d).catch(() => [] as string[]);
        for (const n of names.sort()) if (re.test(n)) next.push(path.join(d, n));
      }
    }
    const kept: string[] = [];
    for (const p of next) {
      const st = await fs.stat(p).catch(() => null);
      if (st && (last ? st.isFile() || (options.directories && st.isDirectory()) : st.isDirectory())) kept.push(p);
    }
    dirs = kept;
  }
  return dirs.sort();
}

/** One segment of a Go path.Match pattern as a RegExp. */
function segmentRegExp(seg: string, pattern: string, setting: string): RegExp {
  const bad = () => new DbalignError(`supabase/config.toml ${setting} has an invalid pattern "${pattern}": close its [ ] or remove it`);
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      if (i + 1 >= seg.length) throw bad();
      re += escapeRe(seg[++i]!);
    } else if (c === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close < 0) throw bad();
      let body = seg.slice(i + 1, close);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\]\[^]/g, '\\$&')}]`;
      i = close;
    } else re += escapeRe(c);
  }
  try {
    return new RegExp(`^${re}$`, 'u');
  } catch {
    throw bad();
  }
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Sets a project up for dbalign: supabase/migrations/, .dbalign/ (ignored by
 * its own .gitignore) and, when the project has a .gitignore, a line for it.
 */
export async function initProject(workdir: string): Promise<{ created: string[] }> {
  const created: string[] = [];
  const root = path.resolve(workdir);
  const migrations = path.join(root, 'supabase', 'migrations');
  if (!(await fs.stat(migrations).then(() => true, () => false))) {
    await fs.mkdir(migrations, { recursive: true });
    created.push('supabase/migrations/');
  }
  const project = await loadProject(root);
  if (!(await fs.stat(project.stateDir).then(() => true, () => false))) created.push('.dbalign/');
  await ensureStateDir(project);
  const gitignore = path.join(root, '.gitignore');
  const text = await fs.readFile(gitignore, 'utf8').catch(() => null);
  if (text !== null && !/^\/?\.dbalign\/?\s*$/m.test(text)) {
    await fs.appendFile(gitignore, `${text.endsWith('\n') || text === '' ? '' : '\n'}.dbalign/\n`);
    created.push('.gitignore entry for .dbalign/');
  }
  return { created };
}
