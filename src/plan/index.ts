/** Plan layer: ordered, hazard-annotated SQL from a diff, and the database-to-database pipeline. */
export { planChanges } from './plan.js';
export { renderPlan } from './render.js';
export { applyPlan } from './apply.js';
export { diffDatabases, type DatabaseDiff } from './databases.js';
export { UnsafePlanError, type Plan, type PlanOptions, type Step, type Hazard, type HazardType } from './types.js';
