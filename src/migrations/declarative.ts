/**
 * Declarative schema files: the schema a project wants, as SQL files under
 * supabase/schemas/ or the globs `[db.migrations] schema_paths` names, read
 * in the order the Supabase CLI applies them.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DbalignError } from '../errors.js';
import { readUtf8 } from './files.js';
import { goGlob, type Project } from './project.js';
import { loadParser, splitSql, SqlSyntaxError, type Statement } from './sql.js';

export interface SchemaFile {
  /** Path relative to the project folder, as messages show it. */
  file: string;
  path: string;
  statements: Statement[];
}

export interface SchemaFileList {
  files: string[];
  /** Patterns that match nothing, and symbolic links the CLI does not follow. */
  warnings: string[];
}

/**
 * The files, in the order the Supabase CLI applies them. With schema_paths:
 * each pattern's matches in byte order, a matched folder standing for every
 * `.sql` file under it, each file once. Without: every `.sql` file under
 * supabase/schemas/. Symbolic links inside a walked folder are skipped, as
 * the CLI skips them. As for the CLI, a pattern without wildcards that
 * matches nothing is an error; one with wildcards is only when no pattern
 * matches anything.
 */
export async function listSchemaFiles(project: Project): Promise<SchemaFileList> {
  const warnings: string[] = [];
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) files.push(f);
    seen.add(f);
  };
  const walk = async (dir: string): Promise<string[]> => {
    const out: string[] = [];
    for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) out.push(...(await walk(full)));
      else if (e.isFile() && e.name.endsWith('.sql')) out.push(full);
      else if (e.isSymbolicLink() && e.name.endsWith('.sql')) {
        warnings.push(`${path.relative(project.workdir, full)} is a symbolic link: skipped, as the Supabase CLI skips it (name it in [db.migrations] schema_paths to use it)`);
      }
    }
    return out.sort(byteOrder);
  };
  if (!project.schemaPaths.length) {
    for (const f of await walk(path.join(project.supabaseDir, 'schemas'))) add(f);
    return { files, warnings };
  }
  const unmatched: string[] = [];
  for (const pattern of project.schemaPaths) {
    const matches = await goGlob(project.supabaseDir, pattern, '[db.migrations] schema_paths', { directories: true });
    if (!matches.length) {
      if (!/[*?[]/.test(pattern)) {
        throw new DbalignError(`supabase/config.toml [db.migrations] schema_paths: no files matched pattern ${pattern} (paths are relative to supabase/): fix or remove it`);
      }
      unmatched.push(pattern);
    }
    for (const m of matches.sort(byteOrder)) {
      if ((await fs.stat(m)).isDirectory()) for (const f of await walk(m)) add(f);
      else add(m);
    }
  }
  for (const pattern of unmatched) warnings.push(`[db.migrations] schema_paths: no files matched pattern ${pattern}`);
  return { files, warnings };
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Reads and splits the files; nothing runs if one cannot be parsed. */
export async function loadSchemaFiles(project: Project, files: readonly string[]): Promise<SchemaFile[]> {
  await loadParser();
  const out: SchemaFile[] = [];
  for (const full of files) {
    const file = path.relative(project.workdir, full).split(path.sep).join('/');
    const text = await readUtf8(full, 'schema file');
    try {
      out.push({ file, path: full, statements: splitSql(text, file).statements });
    } catch (err) {
      if (err instanceof SqlSyntaxError) throw err;
      throw new DbalignError(`${file}: cannot be parsed (${(err as Error).message}); fix the SQL and run again`);
    }
  }
  return out;
}
