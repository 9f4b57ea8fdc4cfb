/** A migration plan: ordered SQL steps, each with what could go wrong running it. */
import type { Kind } from '../catalog/types.js';

export type HazardType =
  /** Drops a table, column or other object holding data. */
  | 'deletes_data'
  /** Rewrites every row of a table (type change, SET LOGGED, …). */
  | 'rewrites_table'
  /** Blocks reads and writes of a table while it runs. */
  | 'access_exclusive_lock'
  /** Must commit before later steps (or run outside a transaction block). */
  | 'not_in_transaction'
  /**
   * Writes a placeholder where a secret belongs (a user mapping's or server's password or key, a
   * subscription's connection password): plans never carry secrets, so someone must supply it.
   */
  | 'secret_placeholder'
  /** Leaves work only a person can do: enable or refresh a subscription, drop a publisher's slot. */
  | 'manual_follow_up';

export interface Hazard {
  type: HazardType;
  detail: string;
}

export interface Step {
  sql: string;
  hazards: Hazard[];
  kind: Kind;
  key: string;
  op: 'create' | 'drop' | 'alter';
}

export interface Plan {
  /** Session settings the steps need (SET …), run before them; not steps of their own. */
  settings: string[];
  steps: Step[];
  warnings: string[];
}

export interface PlanOptions {
  /** Refuse steps that delete data: throws UnsafePlanError listing them. */
  safe?: boolean;
  withOwners?: boolean;
}

export class UnsafePlanError extends Error {
  constructor(public readonly steps: Step[]) {
    super(
      `refusing ${steps.length} destructive step${steps.length === 1 ? '' : 's'} (safe mode):\n` +
        steps.map((s) => `  ${s.sql.split('\n')[0]}  -- ${s.hazards.filter((h) => h.type === 'deletes_data').map((h) => h.detail).join('; ')}`).join('\n'),
    );
    this.name = 'UnsafePlanError';
  }
}
