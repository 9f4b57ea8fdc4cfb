/**
 * Readers of the kinds read in a file of their own, in the order they run (after the core kinds,
 * before comments and dependencies, which every family gets from read()).
 */
import type { FamilyReader } from '../reader.js';
import { readAccessMethods } from './access-methods.js';
import { readCasts } from './casts.js';
import { readCollations } from './collations.js';
import { readConversions } from './conversions.js';
import { readDefaultAcls } from './default-acls.js';
import { readEventTriggers } from './event-triggers.js';
import { readForeign } from './foreign.js';
import { readLanguages } from './languages.js';
import { readOperators } from './operators.js';
import { readPolicies } from './policies.js';
import { readPublications } from './publications.js';
import { readRules } from './rules.js';
import { readStatistics } from './statistics.js';
import { readSubscriptions } from './subscriptions.js';
import { readTextSearch } from './text-search.js';
import { readTransforms } from './transforms.js';
import { readTriggers } from './triggers.js';

export const FAMILY_READERS: FamilyReader[] = [
  readCollations,
  readTriggers,
  readPolicies,
  readRules,
  readLanguages,
  readAccessMethods,
  readOperators,
  readCasts,
  readTextSearch,
  readStatistics,
  readConversions,
  readForeign,
  readSubscriptions,
  readTransforms,
  readEventTriggers,
  readPublications,
  readDefaultAcls,
];
