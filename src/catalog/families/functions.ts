/** Functions, procedures and aggregates (PostgreSQL has no pg_get_aggregatedef: CREATE AGGREGATE is built here). */
import { ident, keyOf } from '../keys.js';
import { grants } from '../queries.js';
import type { CoreFamily, Row } from '../reader.js';
import type { Function } from '../types.js';

export const FUNCTIONS = `
SELECT p.oid::text AS oid, n.nspname, p.proname, p.prokind, oidvectortypes(p.proargtypes) AS argtypes,
  pg_get_function_identity_arguments(p.oid) AS identargs, pg_get_function_arguments(p.oid) AS args,
  pg_get_function_result(p.oid) AS result,
  CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS def,
  pg_get_userbyid(p.proowner) AS owner, ${grants('p.proacl', 'f', 'p.proowner', `'f'`)} AS grants,
  CASE WHEN p.prokind = 'a' THEN (
    SELECT json_build_object(
      'sfunc', g.aggtransfn::regproc::text, 'stype', format_type(g.aggtranstype, NULL),
      'sspace', g.aggtransspace, 'finalfunc', nullif(g.aggfinalfn, 0)::regproc::text,
      'finalfunc_extra', g.aggfinalextra, 'finalfunc_modify', g.aggfinalmodify,
      'combinefunc', nullif(g.aggcombinefn, 0)::regproc::text,
      'serialfunc', nullif(g.aggserialfn, 0)::regproc::text,
      'deserialfunc', nullif(g.aggdeserialfn, 0)::regproc::text, 'initcond', g.agginitval,
      'msfunc', nullif(g.aggmtransfn, 0)::regproc::text, 'minvfunc', nullif(g.aggminvtransfn, 0)::regproc::text,
      'mstype', CASE WHEN g.aggmtranstype <> 0 THEN format_type(g.aggmtranstype, NULL) END,
      'msspace', g.aggmtransspace, 'mfinalfunc', nullif(g.aggmfinalfn, 0)::regproc::text,
      'mfinalfunc_extra', g.aggmfinalextra, 'mfinalfunc_modify', g.aggmfinalmodify,
      'minitcond', g.aggminitval, 'sortop', nullif(g.aggsortop, 0)::regoperator::text,
      'kind', g.aggkind, 'parallel', p.proparallel)
    FROM pg_aggregate g WHERE g.aggfnoid = p.oid) END AS agg
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.pronamespace = ANY($1::oid[])
  -- range and multirange constructors belong to their type
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i')`;

export const readFunctions: CoreFamily = {
  statements: [{ sql: FUNCTIONS, args: 'schemas' }],
  read: async (ctx) => {
    const { each, add, own, member, nsOids, grants: toGrants } = ctx;
    await each(FUNCTIONS, [nsOids], (r) => {
      if (member('pg_proc', r.oid)) return;
      const f: Function = own({
        key: keyOf.function(r.nspname, r.proname, r.argtypes), deps: [] as string[], comment: null as string | null,
        kind: 'function',
        schema: r.nspname,
        name: r.proname,
        prokind: r.prokind,
        identityArgs: r.identargs,
        arguments: r.args,
        result: r.result,
        definition: r.prokind === 'a' ? aggregateDefinition(r.nspname, r.proname, r.args, r.agg) : r.def,
        grants: toGrants(r.grants),
      }, r.owner);
      add(f, 'pg_proc', r.oid);
    });
  },
};

/** CREATE AGGREGATE from pg_aggregate (PostgreSQL has no pg_get_aggregatedef). */
function aggregateDefinition(schema: string, name: string, args: string, a: Row): string {
  const opts: string[] = [`SFUNC = ${a.sfunc}`, `STYPE = ${a.stype}`];
  if (a.sspace) opts.push(`SSPACE = ${a.sspace}`);
  if (a.finalfunc) opts.push(`FINALFUNC = ${a.finalfunc}`);
  if (a.finalfunc_extra) opts.push('FINALFUNC_EXTRA');
  const modify = { r: 'READ_ONLY', s: 'SHAREABLE', w: 'READ_WRITE' } as Record<string, string>;
  const defaultModify = a.kind === 'n' ? 'r' : 'w';
  if (a.finalfunc && a.finalfunc_modify !== defaultModify) opts.push(`FINALFUNC_MODIFY = ${modify[a.finalfunc_modify]}`);
  if (a.combinefunc) opts.push(`COMBINEFUNC = ${a.combinefunc}`);
  if (a.serialfunc) opts.push(`SERIALFUNC = ${a.serialfunc}`);
  if (a.deserialfunc) opts.push(`DESERIALFUNC = ${a.deserialfunc}`);
  if (a.initcond !== null) opts.push(`INITCOND = ${quoteLiteral(a.initcond)}`);
  if (a.msfunc) opts.push(`MSFUNC = ${a.msfunc}`);
  if (a.minvfunc) opts.push(`MINVFUNC = ${a.minvfunc}`);
  if (a.mstype) opts.push(`MSTYPE = ${a.mstype}`);
  if (a.msspace) opts.push(`MSSPACE = ${a.msspace}`);
  if (a.mfinalfunc) opts.push(`MFINALFUNC = ${a.mfinalfunc}`);
  if (a.mfinalfunc_extra) opts.push('MFINALFUNC_EXTRA');
  if (a.minitcond !== null) opts.push(`MINITCOND = ${quoteLiteral(a.minitcond)}`);
  if (a.sortop) opts.push(`SORTOP = ${a.sortop.replace(/\(.*$/, '')}`);
  if (a.kind === 'h') opts.push('HYPOTHETICAL');
  if (a.parallel && a.parallel !== 'u') opts.push(`PARALLEL = ${a.parallel === 's' ? 'SAFE' : 'RESTRICTED'}`);
  return `CREATE AGGREGATE ${ident(schema)}.${ident(name)}(${args || '*'}) (\n    ${opts.join(',\n    ')}\n)`;
}

function quoteLiteral(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}
