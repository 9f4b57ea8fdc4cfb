/**
 * How the reader talks to the server. Query by query, the server waits while the reader assembles
 * the rows of one query and sends the next, and the reader waits while the server works on it.
 * Catalog queries that need nothing from each other go as one batch (one simple-protocol message):
 * the server runs them back to back and the reader takes each one's rows as they come (or later,
 * from a buffer), in the order they were given.
 */
import pg from 'pg';
import type { Row } from './reader.js';

interface Pending {
  sql: string;
  rows: Row[];
  done: boolean;
  /** Rows dropped after a failure: the statement can no longer be read whole. */
  lost?: boolean;
  /** The reader of this statement's rows, once it asks for them. */
  onRow?: (r: Row) => void;
  finish?: (err?: unknown) => void;
}

/**
 * A pg.Query over several statements that says where each one starts and ends (the Submittable
 * hooks node-postgres calls for every RowDescription and CommandComplete).
 */
class StatementsQuery extends pg.Query {
  statement = -1;
  onStatement: (index: number) => void = () => undefined;
  onComplete: (index: number) => void = () => undefined;

  handleRowDescription(msg: unknown): void {
    this.onStatement(++this.statement);
    (pg.Query.prototype as unknown as { handleRowDescription(m: unknown): void }).handleRowDescription.call(this, msg);
  }

  handleCommandComplete(msg: unknown, connection: unknown): void {
    (pg.Query.prototype as unknown as { handleCommandComplete(m: unknown, c: unknown): void }).handleCommandComplete.call(this, msg, connection);
    this.onComplete(this.statement);
  }
}

/** An array literal of OIDs, for the simple protocol, which takes no parameters. */
function oidArray(values: unknown): string {
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string' && /^\d+$/.test(v))) throw new Error('a batched catalog query takes only arrays of OIDs');
  return `'{${values.join(',')}}'`;
}

export class CatalogBatch {
  private readonly pending: Pending[];
  private next = 0;
  private failure: unknown;
  private ended = false;
  /** Settles when the server has answered every statement (or failed): the connection is free again. */
  readonly settled: Promise<void>;
  private settle!: () => void;

  /** Sends the queries; $n in each is replaced by args[n - 1], an array of OIDs. */
  constructor(client: pg.Client, queries: Array<{ sql: string; args: unknown[] }>) {
    this.pending = queries.map((x) => ({ sql: x.sql, rows: [], done: false }));
    this.settled = new Promise((resolve) => (this.settle = resolve));
    const text = queries
      .map((x) => x.sql.replace(/\$(\d+)/g, (_, n: string) => oidArray(x.args[Number(n) - 1])))
      .join(';\n');
    const query = new StatementsQuery(text);
    let current: Pending | undefined;
    query.onStatement = (i) => (current = this.pending[i]);
    query.onComplete = (i) => {
      const p = this.pending[i]!;
      p.done = true;
      p.finish?.();
    };
    query.on('row', (r: Row) => {
      if (this.failure !== undefined) {
        current!.lost = true;
        return;
      }
      if (!current!.onRow) {
        current!.rows.push(r);
        return;
      }
      try {
        current!.onRow(r);
      } catch (err) {
        this.fail(err);
      }
    });
    query.on('error', (err) => {
      this.fail(err);
      this.ended = true;
      this.settle();
    });
    query.on('end', () => {
      this.ended = true;
      // A statement that failed mid-way never completes: its reader learns of it here.
      for (const p of this.pending) if (!p.done) p.finish?.(this.failure ?? new Error('the catalog batch ended early'));
      this.settle();
    });
    client.query(query);
  }

  private fail(err: unknown): void {
    if (this.failure === undefined) this.failure = err;
    for (const p of this.pending) if (p.finish && !p.done) p.finish(err);
  }

  /** Whether sql is the next statement of the batch not yet read (asking out of order is a bug). */
  has(sql: string): boolean {
    if (this.pending[this.next]?.sql === sql) return true;
    if (this.pending.some((p, i) => i > this.next && p.sql === sql)) throw new Error('catalog queries read out of the order they were sent in');
    return false;
  }

  /** Hands the next statement's rows to onRow: those buffered, then the rest as they arrive. */
  each(onRow: (r: Row) => void): Promise<void> {
    const p = this.pending[this.next++]!;
    return new Promise((resolve, reject) => {
      if (this.failure !== undefined && (!p.done || p.lost)) return reject(this.failure);
      try {
        for (const r of p.rows) onRow(r);
      } catch (err) {
        this.fail(err);
        return reject(err);
      }
      p.rows = [];
      if (p.done) return resolve();
      if (this.ended) return reject(this.failure ?? new Error('the catalog batch ended early'));
      p.onRow = onRow;
      p.finish = (err) => (err === undefined ? resolve() : reject(err));
    });
  }
}

/**
 * One connection's catalog queries, one at a time (node-postgres is deprecating queued queries):
 * a query asked for while a batch is in flight starts when the batch has ended.
 */
export class CatalogSession {
  private tail: Promise<unknown> = Promise.resolve();
  private batch: CatalogBatch | undefined;

  constructor(private readonly client: pg.Client) {}

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const p = this.tail.then(run);
    this.tail = p.catch(() => undefined);
    return p;
  }

  /** Sends queries as one batch; each() then reads them in this order. */
  send(queries: Array<{ sql: string; args: unknown[] }>): void {
    const batch = new CatalogBatch(this.client, queries);
    this.batch = batch;
    this.tail = this.tail.then(() => batch.settled);
  }

  /** A query's rows, all at once. */
  rows(sql: string, args: unknown[] = []): Promise<Row[]> {
    return this.serial(async () => (await this.client.query(sql, args)).rows);
  }

  /**
   * A query's rows handed to onRow as they arrive: rows do not pile up in memory, and they are
   * assembled while the server still produces the rest.
   */
  each(sql: string, args: unknown[], onRow: (r: Row) => void): Promise<void> {
    if (this.batch?.has(sql)) return this.batch.each(onRow);
    return this.serial(
      () =>
        new Promise<void>((resolve, reject) => {
          let failure: unknown;
          const query = this.client.query(new pg.Query(sql, args));
          query.on('row', (r: Row) => {
            if (failure !== undefined) return;
            try {
              onRow(r);
            } catch (err) {
              failure = err;
            }
          });
          query.on('error', reject);
          query.on('end', () => (failure !== undefined ? reject(failure) : resolve()));
        }),
    );
  }

  /** Resolves when nothing is in flight (after a failure, before the caller rolls back). */
  async idle(): Promise<void> {
    await this.tail;
  }
}
