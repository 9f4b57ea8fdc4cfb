/** The plan as the SQL a user reads and runs. */
import type { Plan } from './types.js';

export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  for (const w of plan.warnings) lines.push(`-- warning: ${w}`);
  if (plan.steps.length) lines.push(...plan.settings);
  for (const step of plan.steps) {
    for (const h of step.hazards) lines.push(`-- hazard: ${h.type.replace(/_/g, ' ')}: ${h.detail}`);
    lines.push(step.sql);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
