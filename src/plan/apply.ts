/** Runs a plan: in one transaction, committing early only where a step requires it. */
import type pg from 'pg';
import type { Plan } from './types.js';

export async function applyPlan(client: pg.Client, plan: Plan): Promise<void> {
  for (const setting of plan.settings) await client.query(setting);
  await client.query('BEGIN');
  try {
    for (const step of plan.steps) {
      await client.query(step.sql);
      if (step.hazards.some((h) => h.type === 'not_in_transaction')) {
        // e.g. a new enum value: later steps may use it only after this commits.
        await client.query('COMMIT');
        await client.query('BEGIN');
      }
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
