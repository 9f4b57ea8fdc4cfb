/**
 * `dbalign demo`: a throwaway Supabase-style project whose embedded
 * production database has drifted in all three ways the procedure knows, then
 * `align` on it. Everything runs on embedded servers; nothing else is touched.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connect, inTransaction } from '../db/connection.js';
import { startEmbedded, stopEmbedded } from '../db/embedded.js';
import { listMigrations, loadMigrations } from '../migrations/files.js';
import { recordMigration } from '../migrations/history.js';
import { loadProject } from '../migrations/project.js';
import { align, type AlignResult } from './align.js';
import { installGuard } from './guard.js';
import type { Log } from './log.js';
import { applyPending } from './push.js';
import { applySupabaseProfile } from './supabase-profile.js';

const MIGRATIONS: Record<string, string> = {
  '20240101090000_profiles.sql': `
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  username text not null unique check (char_length(username) >= 3),
  full_name text,
  created_at timestamptz not null default now()
);
alter table public.profiles enable row level security;
create policy "profiles are public" on public.profiles for select using (true);
create policy "users update their profile" on public.profiles for update to authenticated using (auth.uid() = id);
`,
  '20240115120000_posts.sql': `
create type public.post_status as enum ('draft', 'published');
create table public.posts (
  id bigint generated always as identity primary key,
  author_id uuid not null references public.profiles (id) on delete cascade,
  title text not null,
  body text,
  status public.post_status not null default 'draft',
  published_at timestamptz
);
create index posts_author_idx on public.posts (author_id);
alter table public.posts enable row level security;
create policy "published posts are public" on public.posts for select using (status = 'published');
`,
  // Written locally, never pushed: Strategy B.
  '20240201080000_comments.sql': `
create table public.comments (
  id bigint generated always as identity primary key,
  post_id bigint not null references public.posts (id) on delete cascade,
  author_id uuid not null references public.profiles (id),
  body text not null,
  created_at timestamptz not null default now()
);
create index comments_post_idx on public.comments (post_id);
alter table public.comments enable row level security;
`,
};

/** Applied on production from a file nobody committed: a history row with no file (Strategy C). */
const HOTFIX = {
  version: '20240120150000',
  name: 'audit_log_hotfix',
  statements: [
    `create table public.audit_log (id bigint generated always as identity primary key, action text not null, at timestamptz not null default now())`,
  ],
};

/** Made by hand in production's SQL editor: Strategy A. */
const HAND_CHANGES = `
alter table public.posts add column featured boolean not null default false;
create index posts_featured_idx on public.posts (published_at) where featured;
comment on column public.posts.featured is 'Shown on the home page';
`;

export interface DemoResult extends AlignResult {
  workdir: string;
}

export async function demo(options: { keep?: boolean }, log: Log): Promise<DemoResult> {
  const workdir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-demo-'));
  await fs.chmod(workdir, 0o755);
  const productionDir = path.join(workdir, '.dbalign', 'production');
  try {
    await fs.mkdir(path.join(workdir, 'supabase', 'migrations'), { recursive: true });
    await fs.writeFile(path.join(workdir, 'supabase', 'config.toml'), '[db]\nmajor_version = 17\n');
    for (const [file, sql] of Object.entries(MIGRATIONS)) {
      await fs.writeFile(path.join(workdir, 'supabase', 'migrations', file), sql.trimStart());
    }
    await fs.writeFile(path.join(workdir, 'supabase', 'seed.sql'), `insert into auth.users (id, email) values ('00000000-0000-0000-0000-000000000001', 'ada@example.com');\ninsert into public.profiles (id, username) values ('00000000-0000-0000-0000-000000000001', 'ada');\n`);
    const project = await loadProject(workdir);

    log.info(`Demo project: ${workdir}`);
    log.info('Starting an embedded "production" database and giving it drift of all three kinds…');
    await fs.mkdir(path.dirname(productionDir), { recursive: true });
    await fs.chmod(path.dirname(productionDir), 0o711);
    const production = await startEmbedded({ dataDir: productionDir, major: project.major });
    const remoteUrl = production.url('postgres');
    const remote = await connect(remoteUrl, 'remote');
    try {
      await applySupabaseProfile(remote);
      const files = await loadMigrations((await listMigrations(workdir)).files);
      // Production got the first two migrations the normal way…
      await applyPending(remote, files.slice(0, 2), { ...log, info: () => undefined });
      await remote.query(`insert into auth.users (id, email) values ('00000000-0000-0000-0000-000000000002', 'grace@example.com')`);
      await remote.query(`insert into public.profiles (id, username, full_name) values ('00000000-0000-0000-0000-000000000002', 'grace', 'Grace Hopper')`);
      await remote.query(`insert into public.posts (author_id, title, status, published_at) select '00000000-0000-0000-0000-000000000002', 'Post ' || n, 'published', now() from generate_series(1, 50) n`);
      await installGuard(remoteUrl);
      // …a hotfix applied from a file that never reached the repository…
      await inTransaction(remote, async () => {
        for (const s of HOTFIX.statements) await remote.query(s);
        await recordMigration(remote, HOTFIX);
      });
      // …and a change made by hand in the SQL editor.
      await remote.query(HAND_CHANGES);
    } finally {
      await remote.end();
    }
    log.info('Drift: a hand-made change on production (A), a local migration not pushed (B), a history row with no file (C).');
    log.info('');
    const result = await align(
      project,
      { remoteUrl, profile: 'supabase', report: path.join(workdir, 'supabase', '.dbalign', 'reports'), name: 'production_changes' },
      log,
    );
    return { ...result, workdir };
  } finally {
    await stopEmbedded(productionDir).catch(() => undefined);
    await stopEmbedded(path.join(workdir, '.dbalign', 'local')).catch(() => undefined);
    if (!options.keep) await fs.rm(workdir, { recursive: true, force: true }).catch(() => undefined);
  }
}
