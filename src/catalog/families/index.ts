/**
 * Readers of the kinds read in a file of their own, in the order they run (after the core kinds,
 * before comments and dependencies, which every family gets from read()).
 */
import type { FamilyReader } from '../reader.js';
import { readForeign } from './foreign.js';
import { readSubscriptions } from './subscriptions.js';
import { readCasts } from './casts.js';
import { readOperators } from './operators.js';

export const FAMILY_READERS: FamilyReader[] = [readOperators, readCasts, readForeign, readSubscriptions];
