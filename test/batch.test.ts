/**
 * CatalogBatch: several catalog queries in one message, each one's rows read in order, failures
 * reported. CatalogSession: one query at a time around a batch.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { CatalogBatch, CatalogSession } from '../src/catalog/batch.js';
import { MAJORS, startTestServer, type TestServer } from './helpers/pg.js';

const major = MAJORS[0]!;

describe(`CatalogBatch on PostgreSQL ${major}`, () => {
  let server: TestServer;
  let client: pg.Client;
  before(async () => {
    server = await startTestServer(major);
    client = new pg.Client({ connectionString: await server.createDatabase('batch') });
    await client.connect();
  });
  after(async () => {
    await client?.end();
    await server?.stop();
  });

  const collect = (b: CatalogBatch): Promise<unknown[]> => {
    const rows: unknown[] = [];
    return b.each((r) => rows.push(r)).then(() => rows);
  };

  test('each statement hands over its own rows, in order, whether read while they arrive or after', async () => {
    const b = new CatalogBatch(client, [
      { sql: 'SELECT g AS n FROM generate_series(1, 3) g', args: [] },
      { sql: 'SELECT 1 AS n WHERE false', args: [] },
      { sql: `SELECT o::text AS oid FROM unnest($1::oid[]) o ORDER BY 1`, args: [['26', '23']] },
      { sql: 'SELECT g AS n FROM generate_series(1, 20000) g', args: [] },
      { sql: `SELECT 'last' AS t, $1::oid[] AS empty`, args: [[]] },
    ]);
    assert.deepEqual(await collect(b), [{ n: 1 }, { n: 2 }, { n: 3 }]);
    // read only after the server has answered everything: the rows were kept
    await b.settled;
    assert.deepEqual(await collect(b), []);
    assert.deepEqual(await collect(b), [{ oid: '23' }, { oid: '26' }]);
    assert.equal((await collect(b)).length, 20000);
    assert.deepEqual(await collect(b), [{ t: 'last', empty: [] }]);
    assert.equal((await client.query('SELECT 1 AS ok')).rows[0].ok, 1, 'the connection is free afterwards');
  });

  test('a failing statement fails its reader and every later one; earlier ones keep their rows', async () => {
    const b = new CatalogBatch(client, [
      { sql: 'SELECT 1 AS n', args: [] },
      { sql: 'SELECT 1 / 0 AS n', args: [] },
      { sql: 'SELECT 3 AS n', args: [] },
    ]);
    await b.settled;
    assert.deepEqual(await collect(b), [{ n: 1 }]);
    await assert.rejects(collect(b), /division by zero/);
    await assert.rejects(collect(b), /division by zero/);
    assert.equal((await client.query('SELECT 2 AS ok')).rows[0].ok, 2);
  });

  test('a reader that throws rejects, and the batch still drains', async () => {
    const b = new CatalogBatch(client, [
      { sql: 'SELECT g AS n FROM generate_series(1, 5000) g', args: [] },
      { sql: 'SELECT 2 AS n', args: [] },
    ]);
    await assert.rejects(
      b.each((r) => {
        if (r.n === 10) throw new Error('reader broke');
      }),
      /reader broke/,
    );
    await b.settled;
    await assert.rejects(collect(b), /reader broke/, 'rows that came after the failure were not kept');
    assert.equal((await client.query('SELECT 3 AS ok')).rows[0].ok, 3);
  });

  test('has() finds the next statement only, and refuses one asked for out of order', async () => {
    const b = new CatalogBatch(client, [
      { sql: 'SELECT 1 AS a', args: [] },
      { sql: 'SELECT 2 AS b', args: [] },
    ]);
    assert.equal(b.has('SELECT 1 AS a'), true);
    assert.equal(b.has('SELECT 3 AS c'), false);
    assert.throws(() => b.has('SELECT 2 AS b'), /out of the order/);
    await collect(b);
    assert.equal(b.has('SELECT 2 AS b'), true);
    await collect(b);
    await b.settled;
  });

  test('only arrays of OIDs go into the text of a batch', () => {
    assert.throws(() => new CatalogBatch(client, [{ sql: 'SELECT $1::oid[]', args: [["1}'; drop table x; --"]] }]), /only arrays of OIDs/);
    assert.throws(() => new CatalogBatch(client, [{ sql: 'SELECT $1::oid[]', args: ['16384'] }]), /only arrays of OIDs/);
  });

  test('a session sends a query asked for during a batch only after it, and never two at once', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const session = new CatalogSession(client);
      session.send([
        { sql: 'SELECT pg_sleep(0.05) AS slept', args: [] },
        { sql: 'SELECT 2 AS n', args: [] },
      ]);
      // asked for first, answered after the batch
      const later = session.rows(`SELECT 'after' AS x`);
      const latest = session.rows(`SELECT 'last' AS x`);
      const order: string[] = [];
      await Promise.all([
        later.then(() => order.push('rows')),
        latest.then(() => order.push('more rows')),
        session.each('SELECT pg_sleep(0.05) AS slept', [], () => order.push('batch 1')),
      ]);
      assert.deepEqual(await later, [{ x: 'after' }]);
      assert.deepEqual(await latest, [{ x: 'last' }]);
      assert.deepEqual(order, ['batch 1', 'rows', 'more rows']);
      const rows: unknown[] = [];
      await session.each('SELECT 2 AS n', [], (r) => rows.push(r));
      assert.deepEqual(rows, [{ n: 2 }]);
      // a reader that fails: the caller waits for the connection before it rolls back
      session.send([{ sql: 'SELECT g FROM generate_series(1, 3000) g', args: [] }, { sql: 'SELECT 1 AS n', args: [] }]);
      await assert.rejects(session.each('SELECT g FROM generate_series(1, 3000) g', [], () => { throw new Error('bad row'); }), /bad row/);
      await session.idle();
      assert.equal((await client.query('SELECT 4 AS ok')).rows[0].ok, 4);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(warnings.filter((w) => /already executing a query/.test(w)), []);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
