import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import {
  deleteMigrations,
  ensureHistoryTables,
  insertMigration,
  readHistory,
  readSeedHistory,
  recordMigration,
  recordSeed,
} from '../src/migrations/history.js';
import { inTransaction } from '../src/db/connection.js';
import { MAJORS, startTestServer, type TestServer } from './helpers/pg.js';
import { SUPABASE_CLI_HISTORY } from './helpers/supabase.js';


for (const major of MAJORS) {
  describe(`history table on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer(major)));
    after(() => srv?.stop());

    async function client(url: string) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }

    test('a database without the table has no history, and nothing is created by reading', async () => {
      const c = await client(await srv.createDatabase());
      try {
        assert.deepEqual(await readHistory(c), []);
        assert.deepEqual(await readSeedHistory(c), []);
        const r = await c.query(`select count(*)::int as n from pg_namespace where nspname = 'supabase_migrations'`);
        assert.equal(r.rows[0].n, 0);
      } finally {
        await c.end();
      }
    });

    test('creates the Supabase layout and writes rows with explicit columns', async () => {
      const c = await client(await srv.createDatabase());
      try {
        await inTransaction(c, () => ensureHistoryTables(c));
        const cols = await c.query(
          `select attname, format_type(atttypid, atttypmod) as t from pg_attribute
            where attrelid = 'supabase_migrations.schema_migrations'::regclass and attnum > 0 order by attnum`,
        );
        assert.deepEqual(cols.rows, [
          { attname: 'version', t: 'text' },
          { attname: 'statements', t: 'text[]' },
          { attname: 'name', t: 'text' },
        ]);
        await inTransaction(c, () => insertMigration(c, { version: '1', name: 'a', statements: ['select 1'] }));
        await assert.rejects(inTransaction(c, () => insertMigration(c, { version: '1', name: 'a', statements: [] })), /recorded by another run/);
        await recordMigration(c, { version: '1', name: 'renamed', statements: ['select 2'] });
        await recordMigration(c, { version: '2', name: 'b', statements: null });
        assert.deepEqual(
          (await readHistory(c)).sort((x, y) => x.version.localeCompare(y.version)),
          [
            { version: '1', name: 'renamed', statements: ['select 2'] },
            { version: '2', name: 'b', statements: null },
          ],
        );
        assert.deepEqual(await deleteMigrations(c, ['2', '3']), ['2']);
        await recordSeed(c, { path: 'supabase/seed.sql', hash: 'abc' });
        await recordSeed(c, { path: 'supabase/seed.sql', hash: 'def' });
        assert.deepEqual(await readSeedHistory(c), [{ path: 'supabase/seed.sql', hash: 'def' }]);
      } finally {
        await c.end();
      }
    });

    test('reads and writes a table the Supabase CLI created, extra columns included', async () => {
      const c = await client(await srv.createDatabase());
      try {
        await c.query(SUPABASE_CLI_HISTORY);
        await c.query(
          `insert into supabase_migrations.schema_migrations (version, name, statements, created_by, idempotency_key)
           values ('20240101000000', 'init', array['create table t (a int)'], 'someone@example.com', 'k1')`,
        );
        await inTransaction(c, () => ensureHistoryTables(c));
        await inTransaction(c, () => insertMigration(c, { version: '20240102000000', name: 'next', statements: ['select 1'] }));
        const rows = await readHistory(c);
        assert.equal(rows.length, 2);
        const kept = await c.query(`select created_by from supabase_migrations.schema_migrations where version = '20240101000000'`);
        assert.equal(kept.rows[0].created_by, 'someone@example.com');
      } finally {
        await c.end();
      }
    });

    test('reads the oldest layout, a version column alone', async () => {
      const c = await client(await srv.createDatabase());
      try {
        await c.query(`create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key);
                       insert into supabase_migrations.schema_migrations values ('20200101000000')`);
        assert.deepEqual(await readHistory(c), [{ version: '20200101000000', name: null, statements: null }]);
        await inTransaction(c, () => ensureHistoryTables(c));
        await inTransaction(c, () => insertMigration(c, { version: '20200102000000', name: 'x', statements: ['select 1'] }));
        assert.equal((await readHistory(c)).length, 2);
      } finally {
        await c.end();
      }
    });
  });
}
