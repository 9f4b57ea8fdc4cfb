/**
 * Splitting a large baseline migration: a pg_dump-style schema of about
 * 1.3 MB and 4,600 statements (SET lines, tables with comments, sequences,
 * functions with dollar-quoted bodies, triggers, RLS policies, grants, the
 * dump's `-- Name: …` comment blocks). Times loadMigration (reading, the
 * Supabase CLI's split, PostgreSQL's parse and the check of each statement)
 * and the parser alone: the first run in the process (the parser's
 * WebAssembly warms up on it, as in one dbalign command), then the median of
 * RUNS more.
 *
 *   npm run bench:split
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listMigrations, loadMigration } from '../src/migrations/files.js';
import { loadParser, splitSql } from '../src/migrations/sql.js';

const RUNS = Number(process.env.RUNS ?? 5);
const TABLES = Number(process.env.TABLES ?? 307);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The dump's comment block before each object, as pg_dump writes it. */
const header = (name: string, type: string, schema = 'public') =>
  `--\n-- Name: ${name}; Type: ${type}; Schema: ${schema}; Owner: postgres\n--\n\n`;

function baseline(tables: number): string {
  const out: string[] = [
    'SET statement_timeout = 0;',
    'SET lock_timeout = 0;',
    "SET client_encoding = 'UTF8';",
    'SET standard_conforming_strings = on;',
    "SELECT pg_catalog.set_config('search_path', '', false);",
    'SET check_function_bodies = false;',
    '',
  ];
  for (let i = 0; i < tables; i++) {
    const t = `table_${i}`;
    out.push(
      header(`set_${t}_updated_at()`, 'FUNCTION'),
      `CREATE FUNCTION public.set_${t}_updated_at() RETURNS trigger\n    LANGUAGE plpgsql\n    AS $$\nBEGIN\n  -- keep updated_at current; a ';' in a comment\n  NEW.updated_at := now();\n  IF NEW.status = 'published' AND OLD.status IS DISTINCT FROM 'published' THEN\n    NEW.published_at := coalesce(NEW.published_at, now());\n  ELSIF NEW.status = 'archived; done' AND NEW.archived_at IS NULL THEN\n    NEW.archived_at := now();\n  END IF;\n  IF NEW.status = 'archived; done' THEN\n    RAISE NOTICE 'archiving %', NEW.id;\n  END IF;\n  RETURN NEW;\nEND;\n$$;\n`,
      header(t, 'TABLE'),
      `CREATE TABLE public.${t} (\n    id bigint NOT NULL,\n    owner_id uuid NOT NULL,\n    title text DEFAULT ''::text NOT NULL,\n    body text,\n    status text DEFAULT 'draft'::text NOT NULL,\n    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,\n    slug text GENERATED ALWAYS AS (lower(regexp_replace(title, '[^a-zA-Z0-9]+'::text, '-'::text, 'g'::text))) STORED,\n    priority smallint DEFAULT 0 NOT NULL,\n    published_at timestamp with time zone,\n    archived_at timestamp with time zone,\n    view_count integer DEFAULT 0 NOT NULL,\n    tags text[] DEFAULT '{}'::text[] NOT NULL,\n    parent_id bigint,\n    locale text DEFAULT 'en'::text NOT NULL,\n    search tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, ((COALESCE(title, ''::text) || ' '::text) || COALESCE(body, ''::text)))) STORED,\n    created_at timestamp with time zone DEFAULT now() NOT NULL,\n    updated_at timestamp with time zone DEFAULT now() NOT NULL,\n    CONSTRAINT ${t}_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'published'::text, 'archived; done'::text])))\n);\n`,
      `COMMENT ON TABLE public.${t} IS 'Rows of ${t}; one per item, with its owner''s id. Drafts are visible to their owner only; published rows to everyone; archived rows (status ''archived; done'') are kept for a year, then purged by the nightly job.';\n`,
      header(`${t}_id_seq`, 'SEQUENCE'),
      `CREATE SEQUENCE public.${t}_id_seq\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n`,
      `ALTER SEQUENCE public.${t}_id_seq OWNED BY public.${t}.id;\n`,
      `ALTER TABLE ONLY public.${t} ALTER COLUMN id SET DEFAULT nextval('public.${t}_id_seq'::regclass);\n`,
      `ALTER TABLE ONLY public.${t}\n    ADD CONSTRAINT ${t}_pkey PRIMARY KEY (id);\n`,
      `CREATE INDEX ${t}_owner_idx ON public.${t} USING btree (owner_id, created_at DESC);\n`,
      `CREATE TRIGGER ${t}_updated_at BEFORE UPDATE ON public.${t} FOR EACH ROW EXECUTE FUNCTION public.set_${t}_updated_at();\n`,
      `ALTER TABLE public.${t} ENABLE ROW LEVEL SECURITY;\n`,
      header(`${t} owners read`, 'POLICY'),
      `CREATE POLICY "${t} owners read" ON public.${t} FOR SELECT TO authenticated USING ((owner_id = ( SELECT auth.uid() AS uid)));\n`,
      `CREATE POLICY "${t} owners write" ON public.${t} FOR INSERT TO authenticated WITH CHECK ((owner_id = ( SELECT auth.uid() AS uid)));\n`,
      header(`search_${t}(text, integer)`, 'FUNCTION'),
      `CREATE FUNCTION public.search_${t}(query text, max_rows integer DEFAULT 50) RETURNS SETOF public.${t}\n    LANGUAGE plpgsql STABLE SECURITY DEFINER\n    SET search_path TO ''\n    AS $fn$\nDECLARE\n  pattern text := '%' || replace(replace(query, '%', '\\%'), '_', '\\_') || '%';\nBEGIN\n  /* Owners see their drafts; everyone sees what is published.\n     The pattern is escaped above, so a user's % or _ matches itself. */\n  IF length(query) < 2 THEN\n    RAISE EXCEPTION 'query too short: %', query USING HINT = 'type at least two characters; then search again';\n  END IF;\n  RETURN QUERY\n    SELECT r.*\n      FROM public.${t} AS r\n     WHERE (r.status = 'published' OR r.owner_id = (SELECT auth.uid()))\n       AND (r.title ILIKE pattern OR r.body ILIKE pattern OR r.metadata ->> 'tags' ILIKE pattern)\n     ORDER BY r.updated_at DESC, r.id\n     LIMIT greatest(1, least(max_rows, 500));\nEND;\n$fn$;\n`,
      `GRANT ALL ON TABLE public.${t} TO authenticated;\n`,
      `GRANT ALL ON TABLE public.${t} TO service_role;\n`,
    );
  }
  return out.join('\n');
}

await loadParser();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbalign-split-bench-'));
try {
  const text = baseline(TABLES);
  fs.mkdirSync(path.join(dir, 'supabase', 'migrations'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'supabase', 'migrations', '20240101000000_baseline.sql'), text);
  const [file] = (await listMigrations(dir)).files;
  const libpgQuery = await import('libpg-query');
  // The first run pays for the parser's WebAssembly warming up, as one command does.
  let t = performance.now();
  const statements = (await loadMigration(file!)).statements.length;
  const first = performance.now() - t;
  const load: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    await loadMigration(file!);
    load.push(performance.now() - t);
    t = performance.now();
    libpgQuery.parseSync(text);
    parse.push(performance.now() - t);
  }
  // Same statements either way: the CLI's split lines up with PostgreSQL's.
  if (!splitSql(text).cliSplit) throw new Error('the baseline does not split the same way for the Supabase CLI and PostgreSQL');
  const mb = (Buffer.byteLength(text) / 1e6).toFixed(2);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`baseline of ${mb} MB, ${statements} statements; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`);
  console.log(`  loadMigration (read, split as the Supabase CLI, parse, check), first in the process: ${s(first)}`);
  console.log(`  loadMigration, median of ${RUNS} more: ${s(median(load))}`);
  console.log(`  libpg_query parse alone, median of ${RUNS}: ${s(median(parse))}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
