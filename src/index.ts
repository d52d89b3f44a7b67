export * from './errors.js'
export type {DatabaseTarget, Dialect} from './db/target.js'
export {parseDatabaseUrl} from './db/url.js'
export {maskUrl} from './mask.js'
export type {LazyRevision, MigrationContext, Revision, RevisionInfo} from './migrations/types.js'
export {sqliteChain} from './migrations/sqlite/index.js'
export {postgresqlChain} from './migrations/postgresql/index.js'
export {
  currentRevision,
  downgrade,
  history,
  reset,
  stamp,
  upgrade,
  type AppliedRevision,
  type CurrentState,
  type EngineOptions,
  type HistoryEntry,
  type MigrateOptions,
  type MigrationResult,
  type ResetOptions,
} from './migrator/index.js'
export {openDatabase, type OpenDatabase} from './db/connect.js'
