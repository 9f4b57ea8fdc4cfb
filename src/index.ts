/** dbalign as a library: the same layers the CLI uses. */
export { DbalignError } from './errors.js';
export { connect, describeUrl } from './db/connection.js';
export { startEmbedded, stopEmbedded, type EmbeddedServer, type EmbeddedMajor } from './db/embedded.js';
export { redact } from './db/redact.js';
export { listMigrations, loadMigration, createMigration, compareVersions } from './migrations/files.js';
export { readHistory, HISTORY_TABLE } from './migrations/history.js';
export { loadProject, type Project } from './migrations/project.js';
export { splitStatements, loadParser, type Statement } from './migrations/sql.js';
export { assessHistory, type HistoryAssessment, type MigrationState } from './procedure/history.js';
export { push, type PushOptions, type PushResult } from './procedure/push.js';
export { repair, type RepairOptions, type RepairResult } from './procedure/repair.js';
export { reset, type ResetOptions, type ResetResult } from './procedure/reset.js';
export { silentLog, type Log } from './procedure/log.js';
