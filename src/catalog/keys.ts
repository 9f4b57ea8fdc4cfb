/** Identifier quoting and the stable keys snapshot objects are stored under. */

/** Always quotes: names with spaces, quotes, upper case, unicode or reserved words round-trip. */
export function ident(name: string): string {
  return '"' + (name.includes('"') ? name.replace(/"/g, '""') : name) + '"';
}

/**
 * PostgreSQL's quote_ident, for text that must match what the server's deparse functions write:
 * bare when the name is lower case, digits and underscores and not a keyword the server
 * reserves in any way (`reserved`: pg_get_keywords() less the unreserved ones).
 */
export function quoteIdent(name: string, reserved: ReadonlySet<string>): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !reserved.has(name) ? name : ident(name);
}

export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}

export function literal(value: string): string {
  return (value.includes('\\') ? 'E' : '') + "'" + value.replace(/\\/g, '\\\\').replace(/'/g, "''") + "'";
}

export const keyOf = {
  schema: (name: string) => `schema ${ident(name)}`,
  extension: (name: string) => `extension ${ident(name)}`,
  collation: (schema: string, name: string) => `collation ${qualified(schema, name)}`,
  type: (schema: string, name: string) => `type ${qualified(schema, name)}`,
  /** Tables, views, matviews, sequences and indexes share PostgreSQL's relation namespace. */
  relation: (kind: 'table' | 'view' | 'matview' | 'sequence' | 'index', schema: string, name: string) =>
    `${kind} ${qualified(schema, name)}`,
  constraint: (schema: string, table: string, name: string) => `constraint ${qualified(schema, table)}.${ident(name)}`,
  function: (schema: string, name: string, argTypes: string) => `function ${qualified(schema, name)}(${argTypes})`,
  trigger: (schema: string, table: string, name: string) => `trigger ${qualified(schema, table)}.${ident(name)}`,
  policy: (schema: string, table: string, name: string) => `policy ${qualified(schema, table)}.${ident(name)}`,
  rule: (schema: string, table: string, name: string) => `rule ${qualified(schema, table)}.${ident(name)}`,
  eventTrigger: (name: string) => `event_trigger ${ident(name)}`,
  publication: (name: string) => `publication ${ident(name)}`,
  defaultAcl: (role: string, schema: string | null, objectType: string) =>
    `default_acl ${ident(role)}${schema === null ? '' : ' in ' + ident(schema)} on ${objectType}`,
  foreignDataWrapper: (name: string) => `foreign_data_wrapper ${ident(name)}`,
  server: (name: string) => `server ${ident(name)}`,
  /** role is 'PUBLIC' for a mapping FOR PUBLIC (a role cannot be named PUBLIC). */
  userMapping: (role: string, server: string) => `user_mapping ${role === 'PUBLIC' ? 'PUBLIC' : ident(role)} server ${ident(server)}`,
  subscription: (name: string) => `subscription ${ident(name)}`,
  /** Operators are overloaded on their argument types (format_type, NONE for a prefix one's left). */
  operator: (schema: string, name: string, left: string | null, right: string) => `operator ${ident(schema)}.${name}(${left ?? 'NONE'}, ${right})`,
  operatorFamily: (schema: string, name: string, method: string) => `operator_family ${qualified(schema, name)} using ${ident(method)}`,
  operatorClass: (schema: string, name: string, method: string) => `operator_class ${qualified(schema, name)} using ${ident(method)}`,
  /** Casts have no name or schema: their source and target types are their identity. */
  cast: (source: string, target: string) => `cast (${source} AS ${target})`,
  textSearchParser: (schema: string, name: string) => `text_search_parser ${qualified(schema, name)}`,
  textSearchTemplate: (schema: string, name: string) => `text_search_template ${qualified(schema, name)}`,
  textSearchDictionary: (schema: string, name: string) => `text_search_dictionary ${qualified(schema, name)}`,
  textSearchConfiguration: (schema: string, name: string) => `text_search_configuration ${qualified(schema, name)}`,
  statistics: (schema: string, name: string) => `statistics ${qualified(schema, name)}`,
  conversion: (schema: string, name: string) => `conversion ${qualified(schema, name)}`,
  language: (name: string) => `language ${ident(name)}`,
  accessMethod: (name: string) => `access_method ${ident(name)}`,
  /** A transform is its type (format_type) and language. */
  transform: (type: string, language: string) => `transform for ${type} language ${ident(language)}`,
};
