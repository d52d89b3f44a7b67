export {currentRevision, history} from './inspect.js'
export {downgrade, reset, resetPreview, stamp, upgrade} from './migrate.js'
export {createRevisionFile, type NewRevision} from './new-revision.js'
export type {AppliedRevision, CurrentState, EngineOptions, HistoryEntry, MigrateOptions, MigrationResult, ResetOptions} from './types.js'
