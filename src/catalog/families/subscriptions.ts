/**
 * Subscriptions of this database (pg_subscription is shared: its rows for the current database).
 * The connection string is read with its password masked (catalog/secrets.ts), and only where this
 * role may read it: subconninfo is a superuser's column. Whether a subscription is enabled is state,
 * like a sequence's value, and not compared: a plan never starts replication.
 */
import { keyOf } from '../keys.js';
import type { FamilyReader, Row } from '../reader.js';
import { maskEmbeddedSecrets } from '../secrets.js';
import type { Subscription } from '../types.js';

/** Columns by the version that added them; whole-row reads would need the hidden subconninfo. */
function query(version: number, conninfoReadable: boolean): string {
  // server_version_num (150018), or a major (15)
  const major = version >= 1000 ? Math.floor(version / 10000) : version;
  const cols = ['s.oid::text AS oid', 's.subname', 'pg_get_userbyid(s.subowner) AS owner', 's.subslotname', 's.subpublications', 's.subbinary', 's.substream::text AS substream', 's.subtwophasestate', 's.subdisableonerr', 's.subsynccommit'];
  if (major >= 16) cols.push('s.subpasswordrequired', 's.subrunasowner', 's.suborigin');
  if (major >= 17) cols.push('s.subfailover');
  return `
SELECT ${cols.join(', ')},
  ${conninfoReadable ? 's.subconninfo' : 'NULL::text'} AS conninfo
FROM pg_subscription s
WHERE s.subdbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())`;
}

/** The WITH options that differ from PostgreSQL's defaults, as CREATE SUBSCRIPTION writes them. */
function options(r: Row): string[] {
  const out: string[] = [];
  if (r.subbinary === true) out.push('binary = true');
  // 15 stores a boolean (read as text here), 16 and later a code: t on, p parallel.
  if (r.substream === 'true' || r.substream === 't') out.push('streaming = on');
  else if (r.substream === 'p') out.push('streaming = parallel');
  if (r.subtwophasestate && r.subtwophasestate !== 'd') out.push('two_phase = true');
  if (r.subdisableonerr === true) out.push('disable_on_error = true');
  if (r.subsynccommit && r.subsynccommit !== 'off') out.push(`synchronous_commit = '${String(r.subsynccommit).replace(/'/g, "''")}'`);
  if (r.subpasswordrequired === false) out.push('password_required = false');
  if (r.subrunasowner === true) out.push('run_as_owner = true');
  if (r.suborigin && r.suborigin !== 'any') out.push(`origin = '${String(r.suborigin).replace(/'/g, "''")}'`);
  if (r.subfailover === true) out.push('failover = true');
  return out.sort();
}

export const readSubscriptions: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()))`,
  read: async (ctx) => {
    let hidden = 0;
    // Naming a column this role may not read fails the whole query, whatever CASE guards it.
    const [{ readable }] = (await ctx.rows(`SELECT has_column_privilege('pg_catalog.pg_subscription', 'subconninfo', 'SELECT') AS readable`)) as [{ readable: boolean }];
    await ctx.each(query(ctx.version, readable), [], (r: Row) => {
      if (r.conninfo === null) hidden++;
      const sub: Subscription = ctx.own(
        {
          key: keyOf.subscription(r.subname), deps: [] as string[], comment: null as string | null,
          kind: 'subscription',
          name: r.subname,
          connection: r.conninfo === null ? null : maskEmbeddedSecrets(r.conninfo),
          // in the order given: pg_dump writes them so (the order means nothing to PostgreSQL)
          publications: r.subpublications as string[],
          slotName: r.subslotname,
          options: options(r),
        },
        r.owner,
      );
      ctx.add(sub, 'pg_subscription', r.oid);
    });
    if (hidden)
      ctx.warnings.push(`the connection strings of ${hidden} subscription(s) are readable by superusers only: they are not compared`);
  },
};
