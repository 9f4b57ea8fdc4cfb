/** Text search parsers, templates, dictionaries and configurations. */
import { ident, qualified } from '../../catalog/keys.js';
import type { TextSearchConfiguration, TextSearchDictionary, TextSearchMapping, TextSearchParser, TextSearchTemplate } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { s, type KindSpec, type Stmt } from './spec.js';

/** Text search objects have no privileges and names of their own kind (not pg_class's). */
const none = { relationNamespace: false as const, grantTarget: null, defaultPrivileges: null, builtinGrants: [] };

function createParser(p: TextSearchParser): string {
  const opts = [`START = ${p.start}`, `GETTOKEN = ${p.gettoken}`, `END = ${p.end}`, `LEXTYPES = ${p.lextypes}`];
  if (p.headline) opts.push(`HEADLINE = ${p.headline}`);
  return `CREATE TEXT SEARCH PARSER ${qualified(p.schema, p.name)} (${opts.join(', ')});`;
}

export const textSearchParser: KindSpec<TextSearchParser> = {
  order: 21,
  diff: DIFF_RULES.text_search_parser,
  reference: (o) => ({ type: 'TEXT SEARCH PARSER', name: qualified(o.schema, o.name) }),
  ...none,
  ownable: false,
  create: (o) => [s(createParser(o))],
  drop: (o) => s(`DROP TEXT SEARCH PARSER ${qualified(o.schema, o.name)};`),
  alter: () => [],
};

function createTemplate(t: TextSearchTemplate): string {
  const opts = t.init ? [`INIT = ${t.init}`] : [];
  opts.push(`LEXIZE = ${t.lexize}`);
  return `CREATE TEXT SEARCH TEMPLATE ${qualified(t.schema, t.name)} (${opts.join(', ')});`;
}

export const textSearchTemplate: KindSpec<TextSearchTemplate> = {
  order: 22,
  diff: DIFF_RULES.text_search_template,
  reference: (o) => ({ type: 'TEXT SEARCH TEMPLATE', name: qualified(o.schema, o.name) }),
  ...none,
  ownable: false,
  create: (o) => [s(createTemplate(o))],
  drop: (o) => s(`DROP TEXT SEARCH TEMPLATE ${qualified(o.schema, o.name)};`),
  alter: () => [],
};

/** `name = value`, the value as the server stored it (a literal or a bare number). */
const option = ([name, value]: [string, string]) => `${ident(name)} = ${value}`;

/**
 * ALTER … (options): each option named is taken out and, with a value, put back at the end, so
 * everything after the longest unchanged prefix is named again in the target's order (pg_dump
 * writes them in stored order), and options that go are named without a value.
 */
function alterDictionary(b: TextSearchDictionary, a: TextSearchDictionary): Stmt[] {
  let same = 0;
  while (same < b.options.length && same < a.options.length && b.options[same]![0] === a.options[same]![0] && b.options[same]![1] === a.options[same]![1]) same++;
  const keep = new Set(a.options.map(([n]) => n));
  const items = [...b.options.slice(same).filter(([n]) => !keep.has(n)).map(([n]) => ident(n)), ...a.options.slice(same).map(option)];
  return items.length ? [s(`ALTER TEXT SEARCH DICTIONARY ${qualified(a.schema, a.name)} (${items.join(', ')});`)] : [];
}

export const textSearchDictionary: KindSpec<TextSearchDictionary> = {
  order: 23,
  diff: DIFF_RULES.text_search_dictionary,
  reference: (o) => ({ type: 'TEXT SEARCH DICTIONARY', name: qualified(o.schema, o.name) }),
  ...none,
  ownable: true,
  create: (o) => [s(`CREATE TEXT SEARCH DICTIONARY ${qualified(o.schema, o.name)} (${[`TEMPLATE = ${o.template}`, ...o.options.map(option)].join(', ')});`)],
  drop: (o) => s(`DROP TEXT SEARCH DICTIONARY ${qualified(o.schema, o.name)};`),
  alter: alterDictionary,
};

/** Token types grouped by their dictionary list (one statement per list), in token order. */
function byDictionaries(mappings: TextSearchMapping[]): Array<{ tokens: string[]; dictionaries: string[] }> {
  const groups = new Map<string, { tokens: string[]; dictionaries: string[] }>();
  for (const m of mappings) {
    const k = m.dictionaries.join(', ');
    const g = groups.get(k);
    if (g) g.tokens.push(m.token);
    else groups.set(k, { tokens: [m.token], dictionaries: m.dictionaries });
  }
  return [...groups.values()];
}

function mappingSql(c: TextSearchConfiguration, verb: 'ADD' | 'ALTER', mappings: TextSearchMapping[]): Stmt[] {
  return byDictionaries(mappings).map((g) =>
    s(`ALTER TEXT SEARCH CONFIGURATION ${qualified(c.schema, c.name)} ${verb} MAPPING FOR ${g.tokens.map(ident).join(', ')} WITH ${g.dictionaries.join(', ')};`),
  );
}

function alterConfiguration(b: TextSearchConfiguration, a: TextSearchConfiguration): Stmt[] {
  const old = new Map(b.mappings.map((m) => [m.token, m.dictionaries.join(', ')]));
  const now = new Set(a.mappings.map((m) => m.token));
  const out: Stmt[] = [];
  const gone = b.mappings.filter((m) => !now.has(m.token)).map((m) => m.token);
  if (gone.length) out.push(s(`ALTER TEXT SEARCH CONFIGURATION ${qualified(a.schema, a.name)} DROP MAPPING FOR ${gone.map(ident).join(', ')};`));
  out.push(...mappingSql(a, 'ALTER', a.mappings.filter((m) => old.has(m.token) && old.get(m.token) !== m.dictionaries.join(', '))));
  out.push(...mappingSql(a, 'ADD', a.mappings.filter((m) => !old.has(m.token))));
  return out;
}

export const textSearchConfiguration: KindSpec<TextSearchConfiguration> = {
  order: 24,
  diff: DIFF_RULES.text_search_configuration,
  reference: (o) => ({ type: 'TEXT SEARCH CONFIGURATION', name: qualified(o.schema, o.name) }),
  ...none,
  ownable: true,
  create: (o) => [s(`CREATE TEXT SEARCH CONFIGURATION ${qualified(o.schema, o.name)} (PARSER = ${o.parser});`), ...mappingSql(o, 'ADD', o.mappings)],
  drop: (o) => s(`DROP TEXT SEARCH CONFIGURATION ${qualified(o.schema, o.name)};`),
  alter: alterConfiguration,
};
