/**
 * Named environments: dbalign.toml beside supabase/ names the databases a
 * team runs (staging, production, …), each with the environment variable its
 * URL comes from. Not a section of supabase/config.toml: the Supabase CLI's
 * Go config loader refuses keys it does not know ("'config.config' has
 * invalid keys: dbalign"), so a [dbalign] section would break `supabase`
 * commands that load the config that way.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseUrl } from '../db/connection.js';
import { redact } from '../db/redact.js';
import { DbalignError, fileProblem } from '../errors.js';
import { readUtf8 } from './files.js';

export const ENVIRONMENTS_FILE = 'dbalign.toml';

export interface Environment {
  name: string;
  /** What the environment is for (production, staging, preview, …); shown, never interpreted. */
  role?: string;
  /** The environment variable that holds the URL, or a URL without a password (libpq's PGPASSWORD or ~/.pgpass supplies it). */
  variable?: string;
  url?: string;
}

export interface EnvironmentConfig {
  /** dbalign.toml, absolute. */
  file: string;
  /** In the order the file lists them. */
  environments: Environment[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
// The Supabase CLI's syntax for a value taken from the environment (config.toml uses it).
const ENV_REF = /^env\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$/;
const KEYS = ['url', 'url_env', 'role'];

/** The project's environments; undefined when it has no dbalign.toml. */
export async function loadEnvironments(workdir: string): Promise<EnvironmentConfig | undefined> {
  const file = path.join(path.resolve(workdir), ENVIRONMENTS_FILE);
  let text: string;
  try {
    text = await readUtf8(file, 'config');
  } catch (err) {
    const exists = await fs.stat(file).then(() => true, () => false);
    if (!exists) return undefined;
    if (err instanceof DbalignError) throw err;
    throw new DbalignError(`cannot read ${ENVIRONMENTS_FILE}: ${fileProblem(err)}; check its permissions`, { cause: err });
  }
  let doc: Record<string, unknown>;
  try {
    const { parse } = await import('smol-toml');
    doc = parse(text) as Record<string, unknown>;
  } catch (err) {
    const first = redact(String((err as Error).message).split('\n')[0] ?? '');
    throw new DbalignError(`${ENVIRONMENTS_FILE} is not valid TOML (${first}): fix it and run again`);
  }
  return { file, environments: parseEnvironments(doc) };
}

/** Checks the document's shape: every mistake is one line naming the key and the fix. */
export function parseEnvironments(doc: Record<string, unknown>): Environment[] {
  for (const key of Object.keys(doc)) {
    if (key !== 'environments') {
      throw new DbalignError(`${ENVIRONMENTS_FILE}: unknown key "${key}"; it holds [environments.<name>] tables only`);
    }
  }
  const table = doc.environments ?? {};
  if (!isTable(table)) throw new DbalignError(`${ENVIRONMENTS_FILE}: environments must be tables, as in [environments.staging]`);
  const out: Environment[] = [];
  for (const [name, value] of Object.entries(table)) {
    const where = `${ENVIRONMENTS_FILE} [environments.${name}]`;
    if (!NAME.test(name)) throw new DbalignError(`${where}: a name is letters, digits, "-" and "_", starting with a letter or digit; rename it`);
    if (!isTable(value)) throw new DbalignError(`${where}: must be a table with url_env (or url) and an optional role`);
    for (const key of Object.keys(value)) {
      if (!KEYS.includes(key)) throw new DbalignError(`${where}: unknown key "${key}"; the keys are ${KEYS.join(', ')}`);
    }
    const env: Environment = { name };
    if (value.role !== undefined) {
      if (typeof value.role !== 'string' || !NAME.test(value.role)) throw new DbalignError(`${where}: role must be a word such as "production" or "staging"`);
      env.role = value.role;
    }
    if ((value.url === undefined) === (value.url_env === undefined)) {
      throw new DbalignError(`${where}: give the URL's environment variable, as url_env = "STAGING_DB_URL" (or url = "env(STAGING_DB_URL)"), and not both`);
    }
    if (value.url_env !== undefined) {
      if (typeof value.url_env !== 'string' || !VARIABLE.test(value.url_env)) {
        throw new DbalignError(`${where}: url_env must name an environment variable, as url_env = "STAGING_DB_URL"`);
      }
      env.variable = value.url_env;
    } else {
      if (typeof value.url !== 'string') throw new DbalignError(`${where}: url must be a string, as url = "env(STAGING_DB_URL)"`);
      const ref = ENV_REF.exec(value.url.trim());
      if (ref) env.variable = ref[1]!;
      else env.url = literalUrl(value.url, where);
    }
    out.push(env);
  }
  return out;
}

/** A URL written in the file: accepted only without a password, which would end up in git. */
function literalUrl(url: string, where: string): string {
  const fix = `keep passwords out of files: put the URL in an environment variable and write url_env = "VARIABLE" (or url = "env(VARIABLE)")`;
  if (/\bpassword\s*=/i.test(url)) throw new DbalignError(`${where}: url holds a password; ${fix}`);
  let parsed: URL;
  try {
    parsed = parseUrl(url, `${where} url`);
  } catch (err) {
    if (/^env\(/i.test(url.trim())) throw new DbalignError(`${where}: url = "${redact(url)}" is not env(VARIABLE) with a variable name; write url = "env(STAGING_DB_URL)"`);
    throw err;
  }
  if (parsed.password) throw new DbalignError(`${where}: url holds a password; ${fix}`);
  return url;
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** The environment called `name`, or a one-line error listing the known ones. */
export function findEnvironment(config: EnvironmentConfig | undefined, name: string): Environment {
  if (!config || config.environments.length === 0) {
    throw new DbalignError(`no environment "${name}": this project has no ${ENVIRONMENTS_FILE} with environments; add [environments.${NAME.test(name) ? name : '<name>'}] with url_env = "<VARIABLE>" to ${ENVIRONMENTS_FILE} beside supabase/`);
  }
  const env = config.environments.find((e) => e.name === name);
  if (!env) {
    throw new DbalignError(`no environment "${name}" in ${ENVIRONMENTS_FILE}: the known ones are ${config.environments.map((e) => e.name).join(', ')}`);
  }
  return env;
}

/** Where an environment's URL comes from, for messages. */
export function urlSource(env: Environment): string {
  return env.variable ? `$${env.variable}` : ENVIRONMENTS_FILE;
}

/** The environment's URL, read from its variable now; a one-line error when it is not set or not a URL. */
export function environmentUrl(env: Environment, vars: NodeJS.ProcessEnv = process.env): string {
  const url = env.variable ? vars[env.variable] : env.url;
  if (!url) {
    throw new DbalignError(`environment "${env.name}" takes its URL from ${env.variable}, which is not set: export ${env.variable}=postgresql://…`);
  }
  parseUrl(url, `environment "${env.name}" (${urlSource(env)})`);
  return url;
}
