import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { readSnapshot } from '../src/catalog/index.js';
import { STANDIN_COMMENT, STANDINS_DIR } from '../src/db/embedded.js';
import { compareSnapshots, scopeFor } from '../src/procedure/schema.js';
import { MAJORS, ROOT, makeProject, query, runCli, startTestServer, type TestServer } from './helpers/pg.js';
import { shadowOf } from './helpers/shadow.js';

const run = promisify(execFile);

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The SQL that turns database `from` into `to` (empty when equal). */
async function diffSql(from: string, to: string): Promise<string> {
  const scope = scopeFor('plain');
  const [a, b] = await Promise.all([withClient(from, (c) => readSnapshot(c, scope)), withClient(to, (c) => readSnapshot(c, scope))]);
  return compareSnapshots(a, b).sql;
}

describe('stand-in files', () => {
  test('every stand-in is an ordinary extension whose control file says it is a stand-in', async () => {
    const names = (await fs.readdir(STANDINS_DIR)).sort();
    assert.ok(names.length >= 1);
    for (const name of names) {
      const files = await fs.readdir(path.join(STANDINS_DIR, name));
      const control = await fs.readFile(path.join(STANDINS_DIR, name, `${name}.control`), 'utf8');
      assert.match(control, new RegExp(`^comment = '${STANDIN_COMMENT}`, 'm'), name);
      const version = /^default_version = '([^']+)'/m.exec(control)?.[1];
      assert.ok(version, `${name} has a default_version`);
      assert.ok(files.includes(`${name}--${version}.sql`), `${name} has its install script`);
      // A major's own control file (pg<major>/) reaches its version from a base install script.
      for (const sub of files.filter((f) => /^pg\d+$/.test(f))) {
        const own = await fs.readFile(path.join(STANDINS_DIR, name, sub, `${name}.control`), 'utf8');
        const target = /^default_version = '([^']+)'/m.exec(own)?.[1];
        assert.match(own, new RegExp(`^comment = '${STANDIN_COMMENT}`, 'm'), `${name}/${sub}`);
        const scripts = [...files, ...(await fs.readdir(path.join(STANDINS_DIR, name, sub)))];
        assert.ok(
          scripts.includes(`${name}--${target}.sql`) || scripts.some((f) => f.endsWith(`--${target}.sql`) && scripts.includes(f.replace(/--[^-]+\.sql$/, '.sql'))),
          `${name}/${sub} reaches ${target}`,
        );
      }
    }
  });

  test('each stand-in declares the version Supabase ships for each major', async () => {
    // supabase/postgres nix/ext/version-history.json, the row of 098d237 (2026-07-15): the newest
    // version a major lists is the one its images install (extension versions, as in the control files).
    const SUPABASE: Record<string, { 15: string | null; 17: string | null }> = {
      http: { 15: '1.6', 17: '1.6' },
      hypopg: { 15: '1.4.1', 17: '1.4.1' },
      index_advisor: { 15: '0.2.0', 17: '0.2.0' },
      pg_cron: { 15: '1.6', 17: '1.6' },
      pg_graphql: { 15: '1.6.1', 17: '1.6.1' },
      pg_hashids: { 15: '1.3', 17: '1.3' },
      pg_jsonschema: { 15: '0.3.3', 17: '0.3.3' },
      pg_net: { 15: '0.20.4', 17: '0.20.4' },
      pg_tle: { 15: '1.4.0', 17: '1.4.0' },
      pgaudit: { 15: '1.7.1', 17: '17.1' },
      pgjwt: { 15: '0.2.0', 17: '0.2.0' },
      pgmq: { 15: '1.5.1', 17: '1.5.1' },
      pgsodium: { 15: '3.1.8', 17: '3.1.8' },
      plpgsql_check: { 15: '2.8', 17: '2.8' },
      supabase_vault: { 15: '0.3.1', 17: '0.3.1' },
      timescaledb: { 15: '2.16.1', 17: null },
      vector: { 15: '0.8.2', 17: '0.8.2' },
      wrappers: { 15: '0.6.2', 17: '0.6.2' },
    };
    const names = (await fs.readdir(STANDINS_DIR)).sort();
    assert.deepEqual(names, Object.keys(SUPABASE).sort());
    for (const name of names) {
      for (const major of [15, 17] as const) {
        const own = path.join(STANDINS_DIR, name, `pg${major}`, `${name}.control`);
        const control = await fs.readFile(own, 'utf8').catch(() => fs.readFile(path.join(STANDINS_DIR, name, `${name}.control`), 'utf8'));
        const version = /^default_version = '([^']+)'/m.exec(control)?.[1];
        // timescaledb has no 17 build: its stand-in refuses there (tested with it).
        assert.equal(version, SUPABASE[name]![major] ?? SUPABASE[name]![15], `${name} on ${major}`);
      }
    }
  });
});

describe('the server tree', () => {
  test('concurrent first runs build one overlay and all use it', async () => {
    // A fresh temporary folder: each process builds or finds the overlay there.
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'dbalign-overlay-'));
    await fs.chmod(tmp, 0o755);
    try {
      const script = `import { serverTree } from ${JSON.stringify(path.join(ROOT, 'dist', 'db', 'embedded.js'))};
        const t = performance.now(); const bin = await serverTree(${MAJORS[0]}); console.log(JSON.stringify({ bin, ms: performance.now() - t }));`;
      const runs = await Promise.all(
        Array.from({ length: 4 }, () => run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp } })),
      );
      const bins = new Set(runs.map((r) => JSON.parse(r.stdout).bin as string));
      assert.equal(bins.size, 1, 'one tree');
      const [bin] = [...bins] as [string];
      assert.equal(path.dirname(path.dirname(bin)), tmp);
      // Nothing half-made is left behind, and the tree has the stand-ins next to contrib.
      assert.deepEqual(await fs.readdir(tmp), [path.basename(path.dirname(bin))]);
      const ext = await fs.readdir(path.join(path.dirname(bin), 'share', 'postgresql', 'extension'));
      for (const name of await fs.readdir(STANDINS_DIR)) assert.ok(ext.includes(`${name}.control`), name);
      assert.ok(ext.includes('pgcrypto.control'));
      const { stdout } = await run(path.join(bin, 'postgres'), ['--version']);
      assert.match(stdout, new RegExp(`PostgreSQL\\) ${MAJORS[0]}\\.`));
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
});

for (const major of MAJORS) {
  describe(`stand-ins on PostgreSQL ${major}`, { concurrency: 4 }, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    test('an extension nobody provides stops the shadow with one line naming it, the file and the way out', async () => {
      await assert.rejects(
        shadowOf(srv, {
          '20240101000000_init.sql': 'create table a (id int);',
          '20240102000000_ext.sql': 'create table b (id int);\ncreate extension if not exists no_such_extension with schema public;',
        }),
        (err: Error) => {
          assert.equal(err.message.split('\n').length, 1);
          assert.match(err.message, /20240102000000_ext\.sql \(line 2\) creates extension "no_such_extension", which this server does not have and dbalign has no stand-in for: .*--shadow <url>.*--local <url>/);
          assert.doesNotMatch(err.message, /share\/postgresql|control file/);
          return true;
        },
      );
    });

    test('vector: a vector(1536) column with hnsw and ivfflat indexes, and match_documents returning the nearest rows in order', async () => {
      const migration = `create schema if not exists extensions;
create extension if not exists vector with schema extensions;
create table public.documents (id bigserial primary key, content text, embedding extensions.vector(1536));
create index documents_embedding_hnsw on public.documents using hnsw (embedding extensions.vector_cosine_ops) with (m = 16, ef_construction = 64);
create index documents_embedding_ivf on public.documents using ivfflat (embedding extensions.vector_l2_ops) with (lists = 100);
create or replace function public.match_documents(query_embedding extensions.vector(1536), match_threshold float, match_count int)
returns table (id bigint, content text, similarity float)
language sql stable
set search_path = public, extensions
as $$
  select documents.id, documents.content, 1 - (documents.embedding <=> query_embedding) as similarity
  from documents
  where 1 - (documents.embedding <=> query_embedding) > match_threshold
  order by documents.embedding <=> query_embedding
  limit match_count;
$$;
`;
      const a = await shadowOf(srv, { '20240101000000_vector.sql': migration });
      const b = await shadowOf(srv, { '20240101000000_vector.sql': migration });
      try {
        // Vectors pointing more and more away from the query.
        const dims = 1536;
        const query0 = Array.from({ length: dims }, (_, i) => ((i * 7) % 13) / 13);
        const rows = Array.from({ length: 6 }, (_, k) => query0.map((x, i) => (i % 6 === k ? x + 3 * (k + 1) : x)));
        const cosine = (u: number[], v: number[]) => {
          let d = 0, nu = 0, nv = 0;
          for (let i = 0; i < u.length; i++) (d += u[i]! * v[i]!), (nu += u[i]! ** 2), (nv += v[i]! ** 2);
          return 1 - d / Math.sqrt(nu * nv);
        };
        const text = (v: number[]) => `[${v.join(',')}]`;
        for (const [k, v] of rows.entries()) await query(a.url, 'insert into documents (content, embedding) values ($1, $2)', [`doc ${k}`, text(v)]);
        const expected = rows.map((v, k) => ({ k, d: cosine(v, query0) })).sort((x, y) => x.d - y.d).slice(0, 4);
        const got = (await query(a.url, 'select id::int, content, similarity from match_documents($1, 0.0, 4)', [text(query0)])).rows;
        assert.deepEqual(got.map((r) => r.content), expected.map((e) => `doc ${e.k}`));
        for (const [i, r] of got.entries()) assert.ok(Math.abs(r.similarity - (1 - expected[i]!.d)) < 1e-4, `single precision, as pgvector: similarity ${r.similarity}`);

        assert.deepEqual(
          (await query(a.url, `select format_type(atttypid, atttypmod) as t from pg_attribute where attrelid = 'documents'::regclass and attname = 'embedding'`)).rows,
          [{ t: 'extensions.vector(1536)' }],
        );
        const defs = (await query(a.url, `select pg_get_indexdef(indexrelid) as d from pg_index where indrelid = 'documents'::regclass and not indisprimary order by 1`)).rows.map((r) => r.d);
        assert.deepEqual(defs, [
          "CREATE INDEX documents_embedding_hnsw ON public.documents USING hnsw (embedding extensions.vector_cosine_ops) WITH (m='16', ef_construction='64')",
          // vector_l2_ops is ivfflat's default class, left out as pgvector's is.
          "CREATE INDEX documents_embedding_ivf ON public.documents USING ivfflat (embedding) WITH (lists='100')",
        ]);
        // pgvector's values, its checks and its arithmetic.
        const calc = (await query(a.url, `set search_path = public, extensions; select '[1,2,3]'::vector <-> '[4,6,3]' as l2, '[1,2,3]'::vector <#> '[4,6,3]' as nip, '[1,0]'::vector <=> '[0,1]' as cos, '[1,2]'::vector <+> '[3,5]' as l1, vector_dims('[1,2,3]'::vector) as dims, l2_normalize('[3,4]'::vector)::text as unit, (select avg(v)::text from (values ('[1,2]'::vector), ('[3,5]')) t(v)) as mean, '[1.50, 2e0]'::vector(2)::text as typed`) as any)[1].rows[0];
        assert.deepEqual(calc, { l2: 5, nip: -25, cos: 1, l1: 5, dims: 3, unit: '[0.6,0.8]', mean: '[2,3.5]', typed: '[1.5,2]' });
        await assert.rejects(query(a.url, `insert into documents (embedding) values ('[1,2,3]')`), /expected 1536 dimensions, not 3/);
        // halfvec: values rounded to half precision as pgvector stores them, an hnsw index on it.
        await query(a.url, `set search_path = public, extensions; create table half (id int, e halfvec(3)); create index on half using hnsw (e halfvec_cosine_ops);
          insert into half values (1, '[0.1, 0.33333334, 1.0009766]'), (2, '[3, 4, 0]')`);
        assert.deepEqual(((await query(a.url, `set search_path = public, extensions; select id, e::text as e, format_type(atttypid, atttypmod) as t, l2_norm(e) as n from half, pg_attribute where attrelid = 'half'::regclass and attname = 'e' order by e <=> '[3,4,0]'`)) as any)[1].rows, [
          { id: 2, e: '[3,4,0]', t: 'halfvec(3)', n: 5 },
          { id: 1, e: '[0.099975586,0.33325195,1.0009766]', t: 'halfvec(3)', n: (await query(a.url, `select sqrt(0.0999755859375::float8^2 + 0.333251953125::float8^2 + 1.0009765625::float8^2) as n`)).rows[0].n },
        ]);
        await assert.rejects(query(a.url, `select '[70000]'::extensions.halfvec(1)`), /"70000" is out of range for type halfvec/);
        await query(a.url, 'drop table half');
        await assert.rejects(query(a.url, `select '[1,2]'::extensions.vector operator(extensions.<->) '[1,2,3]'`), /different vector dimensions 2 and 3/);
        await assert.rejects(query(b.url, `create index bad on documents using hnsw (embedding extensions.vector_l2_ops) with (m = 1)`), /unrecognized parameter "m"/, 'outside a migration the core method underneath refuses');

        assert.equal(await diffSql(a.url, b.url), '');
        const snapshot = await withClient(a.url, (c) => readSnapshot(c, scopeFor('plain')));
        assert.equal((snapshot.objects['extension "vector"'] as { standin?: boolean }).standin, true);
        assert.deepEqual(Object.keys(snapshot.objects).filter((k) => /function|operator|type/.test(k)).sort(), ['function "public"."match_documents"(extensions.vector, double precision, integer)']);
      } finally {
        await a.dispose();
        await b.dispose();
      }
    });

    test('vector: sparsevec, bit and halfvec as projects use them (hnsw classes, binary quantization), with the distances computed by hand', async () => {
      const migration = `create schema if not exists extensions;
create extension if not exists vector with schema extensions;
create table public.items (id int primary key, embedding extensions.halfvec(3), sparse extensions.sparsevec(5), bits bit(4));
create index items_embedding on public.items using hnsw (embedding extensions.halfvec_cosine_ops);
create index items_sparse on public.items using hnsw (sparse extensions.sparsevec_l2_ops) with (m = 16, ef_construction = 64);
create index items_bits on public.items using hnsw (bits extensions.bit_hamming_ops);
create index items_bits_jaccard on public.items using hnsw (bits extensions.bit_jaccard_ops);
create index items_quantized on public.items using hnsw ((extensions.binary_quantize(embedding)::bit(3)) extensions.bit_hamming_ops);
-- As real projects shrink a vector column's index: an expression index on its halfvec, then the column itself.
create table public.chunks (id int primary key, embedding extensions.vector(3));
create index chunks_half on public.chunks using hnsw ((embedding::extensions.halfvec(3)) extensions.halfvec_cosine_ops) with (m = 16, ef_construction = 64);
insert into public.chunks values (1, '[0.1,0.2,0.3]');
alter table public.chunks alter column embedding type extensions.halfvec(3);
`;
      const a = await shadowOf(srv, { '20240101000000_items.sql': migration });
      try {
        const sql = async (text: string) => ((await query(a.url, `set search_path = public, extensions; ${text}`)) as any)[1].rows;
        await sql(`insert into items values
          (1, '[1,-2,3]', '{3:4, 1:3, 2:0}/5', B'1010'),
          (2, '[0.5,0.5,-1]', '{2:1}/5', B'0110'),
          (3, '[-1,-1,-1]', '{}/5', B'0000')`);
        // Stored as pgvector writes them: indices sorted, zeros left out.
        assert.deepEqual(await sql(`select id, sparse::text as s, format_type(a.atttypid, a.atttypmod) as t from items, pg_attribute a where a.attrelid = 'items'::regclass and a.attname = 'sparse' order by id`), [
          { id: 1, s: '{1:3,3:4}/5', t: 'sparsevec(5)' },
          { id: 2, s: '{2:1}/5', t: 'sparsevec(5)' },
          { id: 3, s: '{}/5', t: 'sparsevec(5)' },
        ]);
        // By hand: |(3,0,4,0,0) - (0,1,0,0,0)| = sqrt(26); to (0,0,4,0,0) it is 3; 1·0 + 2·4 + 0·1 = ... see each line.
        assert.deepEqual(
          (await sql(`select
            '{1:3,3:4}/5'::sparsevec <-> '{2:1}/5' as l2a, '{1:3,3:4}/5'::sparsevec <-> '{3:4}/5' as l2b,
            '{1:2,2:3}/3'::sparsevec <#> '{2:4,3:1}/3' as nip, inner_product('{1:2,2:3}/3'::sparsevec, '{2:4,3:1}/3') as ip,
            '{1:1}/2'::sparsevec <=> '{2:1}/2' as cos, '{1:1}/3'::sparsevec <+> '{2:2}/3' as l1,
            l2_norm('{1:3,3:4}/5'::sparsevec) as norm, l2_normalize('{1:3,3:4}/5'::sparsevec)::text as unit,
            '[0,1.5,0]'::vector::sparsevec::text as from_vector, '{2:1.5}/3'::sparsevec::vector::text as to_vector,
            '{1:1}/3'::sparsevec < '{1:2}/3' as lt,
            B'1010' <~> B'0110' as hamming, B'1010' <%> B'0110' as jaccard, B'0000' <%> B'0000' as jaccard_none,
            binary_quantize('[1,-2,3]'::halfvec)::text as quantized, subvector('[1,2,3]'::halfvec, 2, 2)::text as sub,
            ('[1,2]'::halfvec + '[0.5,0.25]'::halfvec)::text as sum2, (select avg(e)::text from (values ('[1,2]'::halfvec), ('[3,5]')) t(e)) as mean`))[0],
          {
            l2a: Math.sqrt(26), l2b: 3, nip: -12, ip: 12, cos: 1, l1: 3, norm: 5, unit: '{1:0.6,3:0.8}/5',
            from_vector: '{2:1.5}/3', to_vector: '[0,1.5,0]', lt: true,
            hamming: 2, jaccard: 1 - 1 / 3, jaccard_none: 1, quantized: '101', sub: '[2,3]', sum2: '[1.5,2.25]', mean: '[2,3.5]',
          },
        );
        // Nearest rows by each distance, as an index scan on pgvector would order them (exactly).
        assert.deepEqual((await sql(`select id from items order by sparse <-> '{1:3,3:4}/5', id`)).map((r: any) => r.id), [1, 3, 2]);
        assert.deepEqual((await sql(`select id from items order by bits <~> B'1000', id`)).map((r: any) => r.id), [1, 3, 2]);
        assert.deepEqual((await sql(`select id from items order by binary_quantize(embedding)::bit(3) <~> B'101', id`)).map((r: any) => r.id), [1, 2, 3]);
        const defs = (await query(a.url, `select pg_get_indexdef(indexrelid) as d from pg_index where indrelid = 'public.items'::regclass and not indisprimary order by 1`)).rows.map((r) => r.d);
        assert.deepEqual(defs, [
          'CREATE INDEX items_bits ON public.items USING hnsw (bits extensions.bit_hamming_ops)',
          'CREATE INDEX items_bits_jaccard ON public.items USING hnsw (bits extensions.bit_jaccard_ops)',
          'CREATE INDEX items_embedding ON public.items USING hnsw (embedding extensions.halfvec_cosine_ops)',
          'CREATE INDEX items_quantized ON public.items USING hnsw (((extensions.binary_quantize(embedding))::bit(3)) extensions.bit_hamming_ops)',
          "CREATE INDEX items_sparse ON public.items USING hnsw (sparse extensions.sparsevec_l2_ops) WITH (m='16', ef_construction='64')",
        ]);
        assert.deepEqual(await sql(`select embedding::text as e, format_type(atttypid, atttypmod) as t from chunks, pg_attribute where attrelid = 'chunks'::regclass and attname = 'embedding'`), [
          { e: '[0.099975586,0.19995117,0.30004883]', t: 'halfvec(3)' },
        ]);
        assert.deepEqual((await query(a.url, `select pg_get_indexdef('public.chunks_half'::regclass) as d`)).rows, [
          // PostgreSQL rebuilt it on the new type (the cast is gone, as with real pgvector), options kept.
          { d: "CREATE INDEX chunks_half ON public.chunks USING hnsw (embedding extensions.halfvec_cosine_ops) WITH (m='16', ef_construction='64')" },
        ]);
        // pgvector's checks.
        await assert.rejects(sql(`select '{6:1}/5'::sparsevec(5)`), /sparsevec index out of bounds/);
        await assert.rejects(sql(`select '{1:1}/3'::sparsevec(4)`), /expected 4 dimensions, not 3/);
        await assert.rejects(sql(`select '{1:1,1:2}/3'::sparsevec(3)`), /sparsevec indices must not contain duplicates/);
        await assert.rejects(sql(`select '{1:1}/3'::sparsevec <-> '{1:1}/4'`), /different sparsevec dimensions 3 and 4/);
        await assert.rejects(sql(`select '1:1/3'::sparsevec(3)`), /invalid input syntax for type sparsevec/);
        await assert.rejects(sql(`select B'101' <~> B'10'`), /different bit lengths 3 and 2/);
      } finally {
        await a.dispose();
      }
    });

    test('vector: index options pgvector refuses stop the migration', async () => {
      await assert.rejects(
        shadowOf(srv, { '20240101000000_v.sql': 'create extension vector;\ncreate table t (e vector(3));\ncreate index on t using hnsw (e vector_l2_ops) with (m = 32, ef_construction = 40);' }),
        /ef_construction must be greater than or equal to 2 \* m/,
      );
    });

    test('pg_net: a webhook trigger queues its request where pg_net does, and nothing is sent', async () => {
      const migration = `create extension if not exists pg_net;
create table public.orders (id bigint primary key, total numeric not null);
create function public.notify_order() returns trigger language plpgsql security definer as $$
begin
  perform net.http_post(
    url := 'https://hooks.example.com/orders',
    body := jsonb_build_object('type', tg_op, 'record', to_jsonb(new)),
    headers := jsonb_build_object('Content-Type', 'application/json', 'Authorization', 'Bearer secret'),
    timeout_milliseconds := 1000
  );
  return new;
end $$;
create trigger orders_webhook after insert on public.orders for each row execute function public.notify_order();
`;
      const a = await shadowOf(srv, { '20240101000000_webhook.sql': migration });
      const b = await shadowOf(srv, { '20240101000000_webhook.sql': migration });
      try {
        await query(a.url, 'insert into orders values (7, 12.50)');
        assert.deepEqual((await query(a.url, `select net.http_get('https://api.example.com', params := '{"q": "a b"}')::int as id`)).rows, [{ id: 2 }]);
        const queued = (await query(a.url, `select id::int, method, url, headers, convert_from(body, 'UTF8')::jsonb as body, timeout_milliseconds from net.http_request_queue order by id`)).rows;
        assert.deepEqual(queued, [
          { id: 1, method: 'POST', url: 'https://hooks.example.com/orders', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer secret' }, body: { type: 'INSERT', record: { id: 7, total: 12.5 } }, timeout_milliseconds: 1000 },
          { id: 2, method: 'GET', url: 'https://api.example.com/?q=a%20b', headers: {}, body: null, timeout_milliseconds: 5000 },
        ]);
        assert.equal((await query(a.url, 'select count(*)::int as n from net._http_response')).rows[0].n, 0, 'never sent');
        assert.deepEqual((await query(a.url, `select (net._http_collect_response(1)).status::text as s`)).rows, [{ s: 'ERROR' }]);
        await assert.rejects(query(a.url, 'select net._http_collect_response(1, async := false)'), /dbalign stand-in for pg_net/);
        await assert.rejects(query(a.url, `select net.http_post('https://x.example', '{}', headers := '{"Content-Type": "text/plain"}')`), /Content-Type header must be "application\/json"/);
        assert.equal(await diffSql(a.url, b.url), '');
        const keys = Object.keys((await withClient(a.url, (c) => readSnapshot(c, scopeFor('plain')))).objects);
        assert.deepEqual(keys.filter((k) => k.includes('"net"')), ['schema "net"']);
        assert.ok(keys.includes('trigger "public"."orders"."orders_webhook"'));
      } finally {
        await a.dispose();
        await b.dispose();
      }
    });

    test('wrappers: a foreign server and table apply; querying the table raises an error', async () => {
      const migration = `create schema if not exists extensions;
create extension if not exists wrappers with schema extensions;
create foreign data wrapper stripe_wrapper handler extensions.stripe_fdw_handler validator extensions.stripe_fdw_validator;
create server stripe_server foreign data wrapper stripe_wrapper options (api_key_id 'e3a4c6a4-0000-4000-8000-000000000000', api_url 'https://api.stripe.com/v1/');
create schema stripe;
create foreign table stripe.customers (id text, email text, name text, created timestamp, attrs jsonb)
  server stripe_server options (object 'customers', rowid_column 'id');
`;
      const a = await shadowOf(srv, { '20240101000000_stripe.sql': migration });
      try {
        await assert.rejects(query(a.url, 'select * from stripe.customers'), /cannot accept a value of type fdw_handler/);
        await assert.rejects(query(a.url, 'select * from extensions.stripe_fdw_meta()'), /dbalign stand-in for Supabase Wrappers/);
        assert.deepEqual((await query(a.url, `select srvname, srvoptions from pg_foreign_server`)).rows, [
          { srvname: 'stripe_server', srvoptions: ['api_key_id=e3a4c6a4-0000-4000-8000-000000000000', 'api_url=https://api.stripe.com/v1/'] },
        ]);
      } finally {
        await a.dispose();
      }
    });

    test('http and pg_graphql: their objects exist; a request or a resolve raises an error naming the stand-in', async () => {
      const migration = `create schema if not exists extensions;
create extension if not exists http with schema extensions;
create extension if not exists pg_graphql;
create table public.things (id int primary key);
comment on table public.things is e'@graphql({"totalCount": {"enabled": true}})';
create function public.fetch_status(u text) returns int language sql as $$ select (extensions.http_get(u)).status $$;
`;
      const a = await shadowOf(srv, { '20240101000000_http.sql': migration });
      try {
        await assert.rejects(query(a.url, `select public.fetch_status('https://example.com')`), /http\(GET https:\/\/example.com\) cannot run: this database has the dbalign stand-in for the http extension/);
        await assert.rejects(query(a.url, `select graphql.resolve('{ thingsCollection { totalCount } }')`), /dbalign stand-in for pg_graphql/);
        assert.deepEqual((await query(a.url, `select extensions.urlencode('a b/é') as t, extensions.urlencode('{"q": "x y", "n": 1.50}'::jsonb) as j, graphql.comment_directive(obj_description('public.things'::regclass)) as d`)).rows, [
          { t: 'a+b%2F%C3%A9', j: 'n=1.5&q=x+y', d: { totalCount: { enabled: true } } },
        ]);
      } finally {
        await a.dispose();
      }
    });

    test('align and reset say which extensions are stand-ins; their versions never count as drift', async () => {
      const migration = `create schema if not exists extensions;
create extension if not exists vector with schema extensions;
create extension if not exists pg_cron with schema pg_catalog;
create table public.notes (id bigint primary key, embedding extensions.vector(3));
create index notes_embedding on public.notes using hnsw (embedding extensions.vector_l2_ops) with (m = 8, ef_construction = 32);
`;
      const remote = await srv.createDatabase('remote');
      const local = await srv.createDatabase('local');
      const dir = await makeProject({ 'supabase/migrations/20240101000000_notes.sql': migration });
      try {
        const flags = ['--remote', remote, '--local', local, '--shadow', srv.server.url(), '--no-backup', '--profile', 'plain'];
        assert.equal((await runCli(['push', '--yes', '--no-backup', '--remote', remote], { cwd: dir })).code, 0);
        // The "production" here has stand-ins too, at another version: that is not a difference.
        await srv.query(remote, `update pg_extension set extversion = '0.7.4' where extname = 'vector'`);
        const res = await runCli(['align', '--yes', '--json', ...flags], { cwd: dir });
        assert.equal(res.code, 0, res.stderr);
        const report = JSON.parse(res.stdout);
        assert.equal(report.outcome, 'already aligned');
        assert.deepEqual(report.standins, ['pg_cron', 'vector']);
        assert.match(await fs.readFile(report.reportFiles.markdown, 'utf8'), /\*\*Stand-ins:\*\* `pg_cron`, `vector`/);
        const reset = await runCli(['reset', '--yes', '--json', '--local', local, '--profile', 'plain'], { cwd: dir });
        assert.equal(reset.code, 0, reset.stderr);
        assert.deepEqual(JSON.parse(reset.stdout).standins, ['pg_cron', 'vector']);
        const status = await runCli(['status', '--json', '--remote', remote], { cwd: dir });
        assert.deepEqual(JSON.parse(status.stdout).standins, ['pg_cron', 'vector']);
        assert.match(status.stderr, /the remote has dbalign stand-in extensions \(pg_cron, vector\)/);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });

    test('pg_cron: cron.schedule in a migration records the job; the stand-in is not a difference', async () => {
      const migration = `create extension if not exists pg_cron with schema pg_catalog;
grant usage on schema cron to postgres;
create table public.events (id bigserial primary key, created_at timestamptz not null default now());
select cron.schedule('purge-events', '0 3 * * *', $$delete from public.events where created_at < now() - interval '30 days'$$);
select cron.schedule('*/10 * * * *', 'select 1');
select cron.schedule('purge-events', '30 3 * * *', $$delete from public.events where created_at < now() - interval '7 days'$$);
`;
      const a = await shadowOf(srv, { '20240101000000_cron.sql': migration });
      const b = await shadowOf(srv, { '20240101000000_cron.sql': migration });
      try {
        const jobs = (await query(a.url, 'select jobid::int, jobname, schedule, command, active, username, database = current_database() as here from cron.job order by jobid')).rows;
        assert.deepEqual(jobs, [
          { jobid: 1, jobname: 'purge-events', schedule: '30 3 * * *', command: `delete from public.events where created_at < now() - interval '7 days'`, active: true, username: 'postgres', here: true },
          { jobid: 2, jobname: null, schedule: '*/10 * * * *', command: 'select 1', active: true, username: 'postgres', here: true },
        ]);
        await assert.rejects(query(a.url, `select cron.schedule('x', 'every day', 'select 1')`), /invalid schedule: every day/);
        await assert.rejects(query(a.url, `select cron.unschedule(42)`), /could not find valid entry for job 42/);
        assert.deepEqual((await query(a.url, `select cron.unschedule('purge-events') as ok`)).rows, [{ ok: true }]);
        assert.equal((await query(a.url, 'select count(*)::int as n from cron.job_run_details')).rows[0].n, 0, 'never run');

        assert.equal(await diffSql(a.url, b.url), '');
        const snapshot = await withClient(a.url, (c) => readSnapshot(c, scopeFor('plain')));
        // pg_cron lives in pg_catalog, which snapshots leave out, as on a real database; its members never count.
        // (its schema shows, as the real extension's does).
        assert.deepEqual(Object.keys(snapshot.objects).filter((k) => k.includes('cron')), ['schema "cron"'], "members are the extension's business");
        assert.ok(snapshot.objects['table "public"."events"']);
      } finally {
        await a.dispose();
        await b.dispose();
      }
    });

    test('pg_cron asked for in another schema goes to pg_catalog, as Supabase installs it', async () => {
      const shadow = await shadowOf(srv, {
        '20240101000000_cron.sql': `create schema if not exists extensions;
create extension if not exists pg_cron with schema extensions;
select cron.schedule('nightly', '0 3 * * *', 'select 1');`,
      });
      try {
        const ext = await query(shadow.url, `select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_cron'`);
        assert.deepEqual(ext.rows, [{ schema: 'pg_catalog' }]);
        assert.deepEqual((await query(shadow.url, 'select jobname from cron.job')).rows, [{ jobname: 'nightly' }]);
      } finally {
        await shadow.dispose();
      }
    });
  });
}
