/** Procedural languages. */
import { ident } from '../../catalog/keys.js';
import type { Language } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { s, type KindSpec } from './spec.js';

/** CREATE OR REPLACE changes a language in place: its functions, owner and privileges stay. */
function languageSql(l: Language, replace: boolean): string {
  let sql = `CREATE ${replace ? 'OR REPLACE ' : ''}${l.trusted ? 'TRUSTED ' : ''}LANGUAGE ${ident(l.name)} HANDLER ${l.handler}`;
  if (l.inline) sql += ` INLINE ${l.inline}`;
  if (l.validator) sql += ` VALIDATOR ${l.validator}`;
  return sql + ';';
}

export const language: KindSpec<Language> = {
  order: 27,
  diff: DIFF_RULES.language,
  reference: (o) => ({ type: 'LANGUAGE', name: ident(o.name) }),
  relationNamespace: false,
  ownable: true,
  grantTarget: (o) => `LANGUAGE ${ident(o.name)}`,
  // ALTER DEFAULT PRIVILEGES has no languages.
  defaultPrivileges: null,
  builtinGrants: [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }],
  create: (o) => [s(languageSql(o, false))],
  drop: (o) => s(`DROP LANGUAGE ${ident(o.name)};`),
  // A language that stops being trusted takes no GRANT or REVOKE any more: it changes after its privileges (partMeta).
  alter: (b, a) =>
    !untrusting(b, a) && (b.trusted !== a.trusted || b.handler !== a.handler || b.inline !== a.inline || b.validator !== a.validator) ? [s(languageSql(a, true))] : [],
  partMeta: (b, a) => (b && untrusting(b, a) ? [languageSql(a, true)] : []),
};

const untrusting = (b: Language, a: Language) => b.trusted && !a.trusted;
