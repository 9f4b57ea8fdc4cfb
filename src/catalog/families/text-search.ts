/**
 * Text search parsers, templates, dictionaries and configurations (with their token type →
 * dictionaries mappings). Parsers and templates have no owner: only superusers make them.
 */
import { keyOf, qualified } from '../keys.js';
import type { FamilyReader } from '../reader.js';
import type { TextSearchConfiguration, TextSearchMapping } from '../types.js';

// Functions as regproc writes them: bare when the name alone finds them (pg_catalog's), else qualified.
const PARSERS = `
SELECT p.oid::text AS oid, n.nspname, p.prsname, p.prsstart::regproc::text AS start, p.prstoken::regproc::text AS gettoken,
  p.prsend::regproc::text AS "end", p.prslextype::regproc::text AS lextypes, nullif(p.prsheadline, 0)::regproc::text AS headline
FROM pg_ts_parser p JOIN pg_namespace n ON n.oid = p.prsnamespace
WHERE p.prsnamespace = ANY($1::oid[])`;

const TEMPLATES = `
SELECT t.oid::text AS oid, n.nspname, t.tmplname, nullif(t.tmplinit, 0)::regproc::text AS init, t.tmpllexize::regproc::text AS lexize
FROM pg_ts_template t JOIN pg_namespace n ON n.oid = t.tmplnamespace
WHERE t.tmplnamespace = ANY($1::oid[])`;

const DICTIONARIES = `
SELECT d.oid::text AS oid, n.nspname, d.dictname, tn.nspname AS tmplnsp, t.tmplname, d.dictinitoption, pg_get_userbyid(d.dictowner) AS owner
FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
JOIN pg_ts_template t ON t.oid = d.dicttemplate JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
WHERE d.dictnamespace = ANY($1::oid[])`;

const CONFIGURATIONS = `
SELECT c.oid::text AS oid, n.nspname, c.cfgname, pn.nspname AS prsnsp, p.prsname, pg_get_userbyid(c.cfgowner) AS owner
FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace
WHERE c.cfgnamespace = ANY($1::oid[])`;

/** Each configuration's mappings, token by token, dictionaries in the order they are consulted. */
const MAPPINGS = `
SELECT c.oid::text AS cfg, t.alias,
  array_agg(dn.nspname::text ORDER BY m.mapseqno) AS nsps, array_agg(d.dictname::text ORDER BY m.mapseqno) AS dicts
FROM pg_ts_config c CROSS JOIN LATERAL ts_token_type(c.cfgparser) t
JOIN pg_ts_config_map m ON m.mapcfg = c.oid AND m.maptokentype = t.tokid
JOIN pg_ts_dict d ON d.oid = m.mapdict JOIN pg_namespace dn ON dn.oid = d.dictnamespace
WHERE c.cfgnamespace = ANY($1::oid[])
GROUP BY c.oid, t.tokid, t.alias
ORDER BY c.oid, t.tokid`;

/**
 * pg_ts_dict.dictinitoption as [name, value] pairs, each value as SQL as the server wrote it. It
 * writes them one way only (serialize_deflist): `name = value` joined by ", ", the name as
 * quote_ident writes it, a number bare, anything else a quoted literal (E'' when it holds a
 * backslash). The value is kept as written, so what is created again is stored the same.
 */
export function parseDictOptions(text: string | null): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (text === null) return out;
  const option = /\s*("(?:[^"]|"")+"|[^\s=",]+)\s*=\s*(E?'(?:[^'\\]|''|\\.)*'|[^\s,']+)\s*(,|$)/y;
  let i = 0;
  while (i < text.length) {
    option.lastIndex = i;
    const m = option.exec(text);
    if (!m) throw new Error(`unexpected text search dictionary options at ${i}: ${text}`);
    const name = m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!;
    out.push([name, m[2]!]);
    i = option.lastIndex;
    if (m[3] === '' && i < text.length) throw new Error(`unexpected text search dictionary options at ${i}: ${text}`);
  }
  return out;
}

export const readTextSearch: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_ts_parser WHERE prsnamespace = ANY($1::oid[])) OR EXISTS (SELECT FROM pg_ts_template WHERE tmplnamespace = ANY($1::oid[])) OR EXISTS (SELECT FROM pg_ts_dict WHERE dictnamespace = ANY($1::oid[])) OR EXISTS (SELECT FROM pg_ts_config WHERE cfgnamespace = ANY($1::oid[]))`,
  read: async (ctx) => {
    const args = [ctx.nsOids];
    await ctx.each(PARSERS, args, (r) => {
      if (ctx.member('pg_ts_parser', r.oid)) return;
      ctx.add(
        {
          key: keyOf.textSearchParser(r.nspname, r.prsname), deps: [] as string[], comment: null as string | null,
          kind: 'text_search_parser',
          schema: r.nspname,
          name: r.prsname,
          start: r.start,
          gettoken: r.gettoken,
          end: r.end,
          lextypes: r.lextypes,
          headline: r.headline,
        },
        'pg_ts_parser',
        r.oid,
      );
    });
    await ctx.each(TEMPLATES, args, (r) => {
      if (ctx.member('pg_ts_template', r.oid)) return;
      ctx.add(
        {
          key: keyOf.textSearchTemplate(r.nspname, r.tmplname), deps: [] as string[], comment: null as string | null,
          kind: 'text_search_template',
          schema: r.nspname,
          name: r.tmplname,
          init: r.init,
          lexize: r.lexize,
        },
        'pg_ts_template',
        r.oid,
      );
    });
    await ctx.each(DICTIONARIES, args, (r) => {
      if (ctx.member('pg_ts_dict', r.oid)) return;
      ctx.add(
        ctx.own({
          key: keyOf.textSearchDictionary(r.nspname, r.dictname), deps: [] as string[], comment: null as string | null,
          kind: 'text_search_dictionary',
          schema: r.nspname,
          name: r.dictname,
          template: qualified(r.tmplnsp, r.tmplname),
          options: parseDictOptions(r.dictinitoption),
        }, r.owner),
        'pg_ts_dict',
        r.oid,
      );
    });
    const configs = new Map<string, TextSearchConfiguration>();
    await ctx.each(CONFIGURATIONS, args, (r) => {
      if (ctx.member('pg_ts_config', r.oid)) return;
      const c: TextSearchConfiguration = ctx.own({
        key: keyOf.textSearchConfiguration(r.nspname, r.cfgname), deps: [] as string[], comment: null as string | null,
        kind: 'text_search_configuration',
        schema: r.nspname,
        name: r.cfgname,
        parser: qualified(r.prsnsp, r.prsname),
        mappings: [] as TextSearchMapping[],
      }, r.owner);
      configs.set(r.oid, c);
      ctx.add(c, 'pg_ts_config', r.oid);
    });
    if (configs.size)
      await ctx.each(MAPPINGS, args, (r) => {
        const c = configs.get(r.cfg);
        if (c) c.mappings.push({ token: r.alias, dictionaries: (r.dicts as string[]).map((d, i) => qualified((r.nsps as string[])[i]!, d)) });
      });
  },
};
