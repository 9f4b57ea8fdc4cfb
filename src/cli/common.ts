/** What every command shares: options, secrets to hide, the project, confirmation. */
import { Option, type Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { connect, DEFAULT_LOCK_WAITS, type Client, type LockWaits } from '../db/connection.js';
import { DbalignError } from '../errors.js';
import { environmentUrl, findEnvironment, loadEnvironments } from '../migrations/environments.js';
import { loadProject, type Project } from '../migrations/project.js';
import { remoteUrl as resolveRemoteUrl } from '../procedure/databases.js';
import type { Profile } from '../procedure/reset.js';
import { looksLikeSupabase } from '../procedure/supabase-profile.js';
import { parseRename, type RenameOptions } from '../procedure/renames.js';
import type { Output } from './output.js';

/** Passwords seen in URLs: scrubbed from everything printed. */
export const secrets: string[] = [];

export function rememberSecret(url: string | undefined): void {
  if (!url) return;
  try {
    const pw = decodeURIComponent(new URL(url).password);
    if (pw) secrets.push(pw);
  } catch {
    // malformed URLs are reported where they are used
  }
}

export interface Common {
  workdir?: string;
  remote?: string;
  /** --env: a named environment of dbalign.toml; resolved into `remote` before the action runs. */
  env?: string;
  /** --all: every environment of dbalign.toml (status, check). */
  all?: boolean;
  local?: string;
  shadow?: string;
  json?: boolean;
  yes?: boolean;
  dryRun?: boolean;
  backup?: boolean;
  profile?: Profile;
  lockTimeout?: string;
  tableLockTimeout?: string;
  lockRetries?: string;
  rename?: string[];
  allowDataLoss?: boolean;
}

export type OutputFactory = () => Output;

interface Which {
  remote?: boolean;
  local?: boolean;
  /** --lock-timeout, and the table-lock options. */
  lock?: boolean;
  /** --table-lock-timeout and --lock-retries, for a command that writes. */
  tableLock?: boolean;
  profile?: boolean;
  backup?: boolean;
  shadow?: boolean;
  json?: boolean;
  /** --rename and --allow-data-loss, for a command that writes a plan. */
  renames?: boolean;
}

export function withCommon(cmd: Command, which: Which = {}): Command {
  cmd.option('--workdir <dir>', 'project folder holding supabase/ (default: the current folder)');
  // Every command takes it, as in the Supabase CLI, so scripts can pass it everywhere.
  cmd.option('-y, --yes', 'answer yes to every confirmation (needed without a terminal for commands that ask)');
  if (which.remote) {
    cmd.option('--remote <url>', 'production database URL (env DBALIGN_REMOTE_URL)');
    cmd.option('--env <name>', 'the remote is this environment of dbalign.toml (its URL from the environment variable it names)');
    cmd.hook('preAction', (self) => useEnvironment(self));
  }
  if (which.local) cmd.option('--local <url>', 'local database URL (env DBALIGN_LOCAL_URL); default: embedded server under .dbalign/');
  if (which.shadow) cmd.option('--shadow <url>', 'server for throwaway shadow databases; default: embedded');
  if (which.renames) {
    cmd.option('--rename <from=to>', 'a rename, not a drop and a create, by dotted names: schema=new, schema.object=schema.new (table, view, sequence, function, type, index), schema.table.column=schema.table.new, schema.table.constraint=…, schema.type.value=… (repeatable)', (v: string, all: string[] = []) => [...all, v]);
    cmd.option('--allow-data-loss', 'drop and create where a rename is likely, without asking');
  }
  if (which.profile) cmd.addOption(new Option('--profile <profile>', 'Supabase-managed schemas and roles, or plain PostgreSQL (default: detected)').choices(['supabase', 'plain']));
  if (which.lock) cmd.option('--lock-timeout <seconds>', 'how long to wait for another dbalign run on the remote', '60');
  if (which.lock || which.tableLock) {
    cmd.option('--table-lock-timeout <seconds>', 'how long a statement waits for a table lock before it is retried (0: no limit)', String(DEFAULT_LOCK_WAITS.timeoutMs / 1000));
    cmd.option('--lock-retries <n>', 'how many times a file (or statement) that timed out on a table lock runs again', String(DEFAULT_LOCK_WAITS.retries));
  }
  if (which.backup) cmd.option('--no-backup', 'do not take a backup of the remote before writing to it');
  if (which.json) cmd.option('--json', 'print JSON');
  return cmd;
}

/**
 * --env NAME: the environment's URL, read from its variable, becomes the
 * remote, so every command that takes --remote takes --env the same way.
 */
async function useEnvironment(cmd: Command): Promise<void> {
  const opts = cmd.opts() as Common;
  if (opts.env === undefined) return;
  if (opts.remote !== undefined) throw new DbalignError('--env and --remote both name the remote database: give one of them');
  if (opts.all) throw new DbalignError('--all reads every environment of dbalign.toml: leave out --env, or leave out --all to read one');
  const env = findEnvironment(await loadEnvironments(opts.workdir ?? process.cwd()), opts.env);
  const url = environmentUrl(env);
  rememberSecret(url);
  cmd.setOptionValue('remote', url);
}

export function project(opts: Common): Promise<Project> {
  return loadProject(opts.workdir ?? process.cwd());
}

export function remoteUrl(opts: Common): string {
  const url = resolveRemoteUrl(opts.remote);
  rememberSecret(url);
  return url;
}

/**
 * --profile, else Supabase when the project has supabase/config.toml or the
 * remote has Supabase's schemas and roles.
 */
export async function resolveProfile(opts: Common, p: Project, url?: string, keep?: Map<string, Client>): Promise<Profile> {
  if (opts.profile) return opts.profile;
  if (p.isSupabase) return 'supabase';
  if (!url) return 'plain';
  const client = await connect(url, 'remote');
  let profile: Profile;
  try {
    profile = (await looksLikeSupabase(client)) ? 'supabase' : 'plain';
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  // A caller that reads this database next takes the connection over (one connection fewer).
  if (keep) keep.set(url, client);
  else await client.end().catch(() => undefined);
  return profile;
}

export async function confirm(question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    throw new DbalignError('this command writes to the database and needs confirmation: rerun with --yes');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    return answer === 'y' || answer === 'yes';
  } finally {
    rl.close();
  }
}

/** --table-lock-timeout and --lock-retries. */
export function tableLockWaits(opts: Common): LockWaits {
  const s = Number(opts.tableLockTimeout ?? DEFAULT_LOCK_WAITS.timeoutMs / 1000);
  if (!Number.isFinite(s) || s < 0) throw new DbalignError(`invalid --table-lock-timeout "${opts.tableLockTimeout}": give seconds, as in --table-lock-timeout 5, or 0 for no limit`);
  const n = Number(opts.lockRetries ?? DEFAULT_LOCK_WAITS.retries);
  if (!Number.isInteger(n) || n < 0) throw new DbalignError(`invalid --lock-retries "${opts.lockRetries}": give a whole number, as in --lock-retries 3`);
  return { timeoutMs: Math.round(s * 1000), retries: n };
}

export function lockMs(opts: Common): number {
  const s = Number(opts.lockTimeout ?? '60');
  if (!Number.isFinite(s) || s < 0) throw new DbalignError(`invalid --lock-timeout "${opts.lockTimeout}": give seconds, as in --lock-timeout 30`);
  return s * 1000;
}

/** Rename decisions from the flags; --yes confirms the exact candidates, and a terminal is asked about the rest. */
export function renameOptions(opts: Common): RenameOptions {
  const renames = (opts.rename ?? []).map(parseRename);
  const ask = !opts.yes && process.stdin.isTTY ? (q: string) => confirm(q, false) : undefined;
  return { renames, allowDataLoss: opts.allowDataLoss === true, yes: opts.yes === true, ...(ask ? { ask } : {}) };
}
