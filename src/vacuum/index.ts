import {openDatabase, sqliteFileExists} from '../db/connect.js'
import {translateConnectionError} from '../db/connection-errors.js'
import {acquireMigrationLock, DEFAULT_LOCK_TIMEOUT_SECONDS} from '../db/migration-lock.js'
import type {DatabaseTarget} from '../db/target.js'
import {VacuumNotPrefectError} from '../errors.js'
import {StepContext} from './context.js'
import {countVacuum} from './count.js'
import {vacuumEvents} from './events.js'
import {vacuumOldFlowRuns} from './flow-runs.js'
import {vacuumOrphans} from './orphans.js'
import {vacuumCutoffs, vacuumKinds} from './plan.js'
import {reclaimSpace} from './reclaim.js'
import {requireVacuumSchema} from './schema.js'
import {type TableCounts, type VacuumOptions, type VacuumResult} from './types.js'

export {parseOlderThan, describeSeconds} from './duration.js'
export {VACUUM_KINDS, VACUUM_TABLES, type TableCounts, type VacuumKind, type VacuumOptions, type VacuumResult, type VacuumSettings} from './types.js'

/**
 * What the service's db_vacuum does, once: orphans (logs, artifacts, stale artifact collections),
 * old flow runs with everything hanging on them, then events past their retention; each batch a
 * transaction of its own. Takes the migration lock in shared mode for the whole run, so it never
 * overlaps a migration (other vacuums may run alongside). Killed at any moment, it leaves the
 * batches it committed and nothing half-deleted.
 */
export async function vacuum(target: DatabaseTarget, options: VacuumOptions): Promise<VacuumResult> {
  if (target.dialect === 'sqlite' && !sqliteFileExists(target)) {
    throw new VacuumNotPrefectError(`There is no database at ${target.displayUrl}: there is nothing to vacuum.`)
  }

  const kinds = vacuumKinds(options)
  const cutoffs = vacuumCutoffs(kinds, options, options.now ?? new Date())
  const db = await openDatabase(target, {mode: 'migrate', warn: options.warn, onQuery: options.onQuery})
  try {
    const lock = await acquireMigrationLock(target, {
      shared: true,
      timeoutSeconds: options.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS,
      action: 'vacuum',
      onWait: options.onWait,
    })
    try {
      await requireVacuumSchema(db.knex, target, kinds)
      const started = performance.now()
      let deleted: TableCounts
      let collectionsRepointed: number
      if (options.dryRun || options.onTotals) {
        options.onPhase?.('count')
        const counts = await countVacuum(db.knex, target.dialect, kinds, cutoffs)
        ;({deleted, collectionsRepointed} = counts)
        options.onTotals?.(counts.deleted)
      }

      if (!options.dryRun) {
        options.onPhase?.('delete')
        const ctx = new StepContext(db.knex, target.dialect, options.settings.batchSize, options.onProgress)
        if (kinds.includes('orphans')) await vacuumOrphans(ctx)
        if (cutoffs.flowRuns) await vacuumOldFlowRuns(ctx, cutoffs.flowRuns)
        if (kinds.includes('events')) await vacuumEvents(ctx, cutoffs)
        deleted = ctx.deleted
        collectionsRepointed = ctx.fates.repointedCount
      }

      const seconds = (performance.now() - started) / 1000
      let reclaim = null
      if (options.reclaim && !options.dryRun) {
        options.onPhase?.('reclaim')
        reclaim = await reclaimSpace(db.knex, target, deleted!)
      }

      const totalRows = Object.values(deleted!).reduce((sum, rows) => sum + rows, 0)
      const iso = (date: Date | null) => date?.toISOString() ?? null
      return {
        database: target.displayUrl,
        dialect: target.dialect,
        dryRun: Boolean(options.dryRun),
        kinds,
        cutoffs: {
          flowRuns: iso(cutoffs.flowRuns),
          events: iso(cutoffs.events),
          eventTypes: Object.fromEntries(Object.entries(cutoffs.eventTypes).map(([type, date]) => [type, date.toISOString()])),
        },
        deleted: deleted!,
        collectionsRepointed: collectionsRepointed!,
        totalRows,
        seconds: Number(seconds.toFixed(3)),
        rowsPerSecond: options.dryRun || seconds === 0 ? 0 : Math.round(totalRows / seconds),
        reclaim,
      }
    } finally {
      await lock.release().catch(() => {})
    }
  } catch (error) {
    // A lost connection or a locked file in one clear line; anything else is a bug, reported as one.
    throw translateConnectionError(error, target) ?? error
  } finally {
    await db.knex.destroy()
  }
}
