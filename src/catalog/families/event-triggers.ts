/** Event triggers (CREATE EVENT TRIGGER): database-wide, compared when their function is in scope. */
import { keyOf } from '../keys.js';
import type { FamilyReader } from '../reader.js';
import type { EventTrigger } from '../types.js';

const EVENT_TRIGGERS = `
SELECT e.oid::text AS oid, e.evtname, e.evtevent, e.evtfoid::text AS fn, e.evtenabled, e.evttags,
  pg_get_userbyid(e.evtowner) AS owner, p.pronamespace = ANY($1::oid[]) AS inscope
FROM pg_event_trigger e JOIN pg_proc p ON p.oid = e.evtfoid`;

export const readEventTriggers: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_event_trigger)`,
  read: async (ctx) => {
    await ctx.each(EVENT_TRIGGERS, [ctx.nsOids], (r) => {
      if (!r.inscope || ctx.member('pg_event_trigger', r.oid)) return;
      // Functions are read before the families: its function's key is known.
      const fn = ctx.resolve.get('pg_proc', r.fn);
      const t: EventTrigger = ctx.own(
        {
          key: keyOf.eventTrigger(r.evtname), deps: fn ? [fn] : [], comment: null as string | null,
          kind: 'event_trigger',
          name: r.evtname,
          event: r.evtevent,
          function: fn ?? '',
          tags: r.evttags,
          enabled: r.evtenabled,
        },
        r.owner,
      );
      ctx.add(t, 'pg_event_trigger', r.oid);
    });
  },
};
