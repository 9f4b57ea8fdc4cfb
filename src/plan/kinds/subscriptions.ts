/**
 * Subscriptions. A plan never connects to a publisher: a new subscription is created with
 * connect = false (so without a slot, disabled, its tables not copied), publications change with
 * refresh = false, and a dropped one lets go of its slot first, so DROP does not connect either.
 * What is left to do there is said in `manual_follow_up` hazards; a password in the connection
 * string is never in a snapshot, and is written as the placeholder (`secret_placeholder`).
 */
import { ident, literal } from '../../catalog/keys.js';
import { holdsPlaceholder, SECRET_PLACEHOLDER } from '../../catalog/secrets.js';
import type { Subscription } from '../../catalog/types.js';
import { DIFF_RULES } from '../../diff/kinds.js';
import type { Hazard } from '../types.js';
import { h, NO_PRIVILEGES, s, type KindSpec, type Stmt } from './spec.js';

/** Every option a plan may set, with PostgreSQL's default (two_phase cannot change: a rebuild). */
const DEFAULTS: Record<string, string> = {
  binary: 'false',
  streaming: 'off',
  disable_on_error: 'false',
  synchronous_commit: "'off'",
  password_required: 'true',
  run_as_owner: 'false',
  origin: "'any'",
  failover: 'false',
};

function optionMap(opts: string[]): Map<string, string> {
  return new Map(opts.map((o) => [o.slice(0, o.indexOf(' = ')), o.slice(o.indexOf(' = ') + 3)]));
}

function connectionHazards(name: string, connection: string | null): Hazard[] {
  if (connection === null) return [h('secret_placeholder', `the connection string of ${name} was unreadable to the role that read it (a superuser's column): written empty; supply it (ALTER SUBSCRIPTION ${name} CONNECTION '…')`)];
  if (!holdsPlaceholder(connection)) return [];
  return [h('secret_placeholder', `the password in ${name}'s connection string is never in a plan: written as ${SECRET_PLACEHOLDER}; supply it (ALTER SUBSCRIPTION ${name} CONNECTION '…')`)];
}

function slot(o: Subscription): string {
  return o.slotName === null ? 'NONE' : literal(o.slotName);
}

function createSubscription(o: Subscription): Stmt {
  const name = ident(o.name);
  const opts = ['connect = false', `slot_name = ${slot(o)}`, ...o.options];
  const follow =
    `${name} is created without connecting to its publisher: disabled, its tables not copied` +
    (o.slotName === null ? '' : `, and its replication slot ${literal(o.slotName)} not created (create it on the publisher)`) +
    `; then ALTER SUBSCRIPTION ${name} ENABLE and ALTER SUBSCRIPTION ${name} REFRESH PUBLICATION`;
  return s(
    `CREATE SUBSCRIPTION ${name} CONNECTION ${literal(o.connection ?? '')} PUBLICATION ${o.publications.map(ident).join(', ')} WITH (${opts.join(', ')});`,
    h('manual_follow_up', follow),
    ...connectionHazards(name, o.connection),
  );
}

function alterSubscription(b: Subscription, a: Subscription): Stmt[] {
  const name = ident(a.name);
  const out: Stmt[] = [];
  if (b.connection !== null && a.connection !== null && b.connection !== a.connection)
    out.push(s(`ALTER SUBSCRIPTION ${name} CONNECTION ${literal(a.connection)};`, ...connectionHazards(name, a.connection)));
  if (b.publications.join() !== a.publications.join())
    out.push(
      s(
        `ALTER SUBSCRIPTION ${name} SET PUBLICATION ${a.publications.map(ident).join(', ')} WITH (refresh = false);`,
        h('manual_follow_up', `${name}'s tables are not refreshed (that connects to the publisher): ALTER SUBSCRIPTION ${name} REFRESH PUBLICATION once it is enabled`),
      ),
    );
  const old = optionMap(b.options);
  const now = optionMap(a.options);
  const sets: string[] = [];
  for (const [opt, dflt] of Object.entries(DEFAULTS)) {
    const v = now.get(opt) ?? dflt;
    if ((old.get(opt) ?? dflt) !== v) sets.push(`${opt} = ${v}`);
  }
  if (b.slotName !== a.slotName) sets.push(`slot_name = ${slot(a)}`);
  if (sets.length) out.push(s(`ALTER SUBSCRIPTION ${name} SET (${sets.join(', ')});`));
  return out;
}

function dropSubscription(o: Subscription): Stmt {
  const name = ident(o.name);
  if (o.slotName === null) return s(`DROP SUBSCRIPTION ${name};`);
  // With a slot, DROP SUBSCRIPTION connects to the publisher to drop it: let go of it first.
  return s(
    `ALTER SUBSCRIPTION ${name} DISABLE;\nALTER SUBSCRIPTION ${name} SET (slot_name = NONE);\nDROP SUBSCRIPTION ${name};`,
    h('manual_follow_up', `the replication slot ${literal(o.slotName)} of ${name} is left on the publisher (dropping it here would connect there): drop it there with pg_drop_replication_slot(${literal(o.slotName)})`),
  );
}

export const subscription: KindSpec<Subscription> = {
  order: 31,
  diff: DIFF_RULES.subscription,
  reference: (o) => ({ type: 'SUBSCRIPTION', name: ident(o.name) }),
  relationNamespace: false,
  ownable: true,
  ...NO_PRIVILEGES,
  create: (o) => [createSubscription(o)],
  drop: dropSubscription,
  alter: alterSubscription,
};
