/** Triggers, rules and event triggers. */
import { ident, literal, qualified } from '../../catalog/keys.js';
import type { Enabled, EventTrigger, Rule, Trigger } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import { ENABLE_WORDS, NO_PRIVILEGES, s, type KindSpec, type SqlContext, type Stmt } from './spec.js';

function triggerEnable(schema: string, table: string, name: string, enabled: Enabled): string {
  const how = ENABLE_WORDS[enabled] ?? 'ENABLE';
  return `ALTER TABLE ${qualified(schema, table)} ${how} TRIGGER ${ident(name)};`;
}

function ruleEnable(schema: string, table: string, name: string, enabled: Enabled): string {
  const how = ENABLE_WORDS[enabled] ?? 'ENABLE';
  return `ALTER TABLE ${qualified(schema, table)} ${how} RULE ${ident(name)};`;
}

function createEventTrigger(e: EventTrigger, ctx: SqlContext): Stmt[] {
  const fn = ctx.to.objects[e.function];
  const fname = fn?.kind === 'function' ? qualified(fn.schema, fn.name) : e.function.replace(/^function /, '').replace(/\(.*$/, '');
  const when = e.tags?.length ? ` WHEN TAG IN (${e.tags.map(literal).join(', ')})` : '';
  const out = [s(`CREATE EVENT TRIGGER ${ident(e.name)} ON ${ident(e.event)}${when} EXECUTE FUNCTION ${fname}();`)];
  if (e.enabled !== 'O') out.push(s(eventTriggerEnable(e)));
  return out;
}

function eventTriggerEnable(e: EventTrigger): string {
  const how = ENABLE_WORDS[e.enabled] ?? 'ENABLE';
  return `ALTER EVENT TRIGGER ${ident(e.name)} ${how};`;
}

export const trigger: KindSpec<Trigger> = {
  order: 12,
  diff: DIFF_RULES.trigger,
  reference: (o) => ({ type: 'TRIGGER', name: `${ident(o.name)} ON ${qualified(o.schema, o.tableName)}` }),
  relationNamespace: false,
  ownable: false,
  ...NO_PRIVILEGES,
  create: (o) => {
    const out = [s(o.definition + ';')];
    if (o.enabled !== 'O') out.push(s(triggerEnable(o.schema, o.tableName, o.name, o.enabled)));
    return out;
  },
  drop: (o) => s(`DROP TRIGGER ${ident(o.name)} ON ${qualified(o.schema, o.tableName)};`),
  alter: (b, after) => (b.enabled !== after.enabled ? [s(triggerEnable(after.schema, after.tableName, after.name, after.enabled))] : []),
};

export const rule: KindSpec<Rule> = {
  order: 13,
  diff: DIFF_RULES.rule,
  reference: (o) => ({ type: 'RULE', name: `${ident(o.name)} ON ${qualified(o.schema, o.tableName)}` }),
  relationNamespace: false,
  ownable: false,
  ...NO_PRIVILEGES,
  create: (o) => {
    const out = [s(o.definition)];
    if (o.enabled !== 'O') out.push(s(ruleEnable(o.schema, o.tableName, o.name, o.enabled)));
    return out;
  },
  drop: (o) => s(`DROP RULE ${ident(o.name)} ON ${qualified(o.schema, o.tableName)};`),
  alter: (b, after) => (b.enabled !== after.enabled ? [s(ruleEnable(after.schema, after.tableName, after.name, after.enabled))] : []),
};

export const eventTrigger: KindSpec<EventTrigger> = {
  order: 15,
  diff: DIFF_RULES.event_trigger,
  reference: (o) => ({ type: 'EVENT TRIGGER', name: ident(o.name) }),
  relationNamespace: false,
  ownable: true,
  ...NO_PRIVILEGES,
  create: createEventTrigger,
  drop: (o) => s(`DROP EVENT TRIGGER ${ident(o.name)};`),
  alter: (b, after) => (b.enabled !== after.enabled ? [s(eventTriggerEnable(after))] : []),
};
