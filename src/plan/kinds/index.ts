/**
 * The registry: every kind's specification, one file per family. `KindSpecs` maps each Kind
 * to its spec, so adding a kind to the catalog's union without a spec here does not compile.
 */
import type { DbObject } from '../../catalog/types.js';
import { cast } from './casts.js';
import { collation } from './collations.js';
import { defaultAcl } from './default-acls.js';
import { policy } from './policies.js';
import { publication } from './publications.js';
import { operator, operatorClass, operatorFamily } from './operators.js';
import { routine } from './routines.js';
import { extension, schema } from './schemas.js';
import { sequence } from './sequences.js';
import type { KindSpec, KindSpecs } from './spec.js';
import { constraint, index, table } from './tables.js';
import { eventTrigger, rule, trigger } from './triggers.js';
import { foreignDataWrapper, server, userMapping } from './foreign.js';
import { subscription } from './subscriptions.js';
import { type } from './types.js';
import { matview, view } from './views.js';
import { conversion } from './conversions.js';
import { language } from './languages.js';
import { accessMethod } from './access-methods.js';
import { transform } from './transforms.js';
import { statistics } from './statistics.js';
import { textSearchConfiguration, textSearchDictionary, textSearchParser, textSearchTemplate } from './text-search.js';

export const KINDS: KindSpecs = {
  schema,
  extension,
  collation,
  type,
  sequence,
  table,
  constraint,
  index,
  view,
  matview,
  function: routine,
  trigger,
  event_trigger: eventTrigger,
  policy,
  rule,
  publication,
  default_acl: defaultAcl,
  foreign_data_wrapper: foreignDataWrapper,
  server,
  user_mapping: userMapping,
  subscription,
  operator,
  operator_family: operatorFamily,
  operator_class: operatorClass,
  cast,
  text_search_parser: textSearchParser,
  text_search_template: textSearchTemplate,
  text_search_dictionary: textSearchDictionary,
  text_search_configuration: textSearchConfiguration,
  statistics,
  conversion,
  language,
  access_method: accessMethod,
  transform,
};

/** The spec of an object's kind (the one place a kind's union is narrowed to its object type). */
export function specOf<O extends DbObject>(obj: O): KindSpec<O> {
  return KINDS[obj.kind] as unknown as KindSpec<O>;
}

export type { KindSpec, KindSpecs, Stmt, SqlContext } from './spec.js';
