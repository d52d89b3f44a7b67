import {Flags} from '@oclif/core'

import {BaseCommand} from '../../../base-command.js'
import {databaseContext} from '../../../cli/database-context.js'
import {lockTimeoutFlag} from '../../../cli/migration-command.js'
import {scopeLine, summaryLines} from '../../../cli/vacuum-report.js'
import {vacuumSettings} from '../../../config/vacuum.js'
import {rowProgress, type RowProgress} from '../../../ui/progress.js'
import {printWarning} from '../../../ui/output.js'
import {parseOlderThan, vacuum, VACUUM_KINDS, type VacuumKind, type VacuumResult} from '../../../vacuum/index.js'

export default class DatabaseVacuum extends BaseCommand<typeof DatabaseVacuum> {
  static override summary = "Delete old flow runs, orphaned rows and old events, as Prefect's db_vacuum service does, once."
  static override description =
    "Applies the db_vacuum service's rules with its settings (PREFECT_SERVER_SERVICES_DB_VACUUM_*, PREFECT_SERVER_EVENTS_RETENTION_PERIOD and the per-event-type overrides): orphans (logs and artifacts of flow runs that no longer exist, artifact collections whose latest artifact is gone), terminal top-level flow runs that ended before the retention period with their task runs, states, inputs, logs and artifacts, and events with their resources past their retention. Without --only it does what PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED enables (flow_runs: orphans and flow-runs; events: events, unless the event persister is off). Works in batches of PREFECT_SERVER_SERVICES_DB_VACUUM_BATCH_SIZE, each a short transaction; holds the migration lock in shared mode, so it never runs during a migration; safe to kill at any moment. Exit 25: not a Prefect database; 26: its schema lacks the tables (upgrade first)."
  static override enableJsonFlag = true
  static override examples = [
    '<%= config.bin %> server database vacuum --dry-run',
    '<%= config.bin %> server database vacuum --only flow-runs --older-than 30d',
    '<%= config.bin %> server database vacuum --only events --reclaim --json',
  ]

  static override flags = {
    'dry-run': Flags.boolean({description: 'Print how many rows each table would lose; change nothing.', default: false}),
    'older-than': Flags.string({
      description: 'Replace the retention periods for this run (flow runs and events; per-type overrides stay, capped by it): 90d, 12h, 2w, P30D, or seconds. At least 1h.',
    }),
    only: Flags.string({
      description: 'Clean only these (comma-separated or repeated), whatever PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED says.',
      options: [...VACUUM_KINDS],
      multiple: true,
      delimiter: ',',
    }),
    reclaim: Flags.boolean({
      description: 'Afterwards give the space back: VACUUM on SQLite; VACUUM (ANALYZE) on PostgreSQL (reusable space; VACUUM FULL or pg_repack shrink files).',
      default: false,
      exclusive: ['dry-run'],
    }),
    'lock-timeout': lockTimeoutFlag(),
  }

  async run(): Promise<VacuumResult> {
    const {flags} = this
    const olderThanSeconds = flags['older-than'] === undefined ? undefined : parseOlderThan(flags['older-than'])
    const context = await databaseContext(flags)
    const {target, hooks} = context
    const settings = vacuumSettings(context.settings)
    const now = new Date()
    // Bars on a terminal only (rowProgress checks), once the rows to go are counted.
    const showBars = !flags['dry-run'] && !this.jsonEnabled() && process.stderr.isTTY
    let bars: RowProgress | undefined
    let result: VacuumResult
    try {
      result = await vacuum(target, {
        ...hooks,
        settings,
        only: flags.only as VacuumKind[] | undefined,
        olderThanSeconds,
        dryRun: flags['dry-run'],
        reclaim: flags.reclaim,
        now,
        lockTimeoutSeconds: flags['lock-timeout'],
        onWait: printWarning,
        onPhase: showBars ? (phase) => phase !== 'delete' && process.stderr.write(phase === 'count' ? 'Counting rows to delete...\n' : 'Reclaiming space...\n') : undefined,
        onTotals: showBars
          ? (totals) => {
              const tables = Object.entries(totals).filter(([, total]) => total > 0)
              bars = rowProgress({enabled: true, totalRows: tables.reduce((sum, [, total]) => sum + total, 0), minRows: 1})
              for (const [table, total] of tables) bars.start(table, total)
            }
          : undefined,
        onProgress: showBars
          ? (deleted) => {
              for (const [table, rows] of Object.entries(deleted)) if (rows) bars?.advance(table, rows)
            }
          : undefined,
      })
    } finally {
      bars?.stop()
    }

    if (result.kinds.length === 0) {
      this.say('Nothing to vacuum: PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED enables nothing (or only events, with the event persister off). Use --only to choose.')
      return result
    }

    this.say(scopeLine(result, now))
    for (const line of summaryLines(result)) this.say(line)
    return result
  }
}
