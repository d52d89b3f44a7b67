import {Flags} from '@oclif/core'

import {BaseCommand} from '../../../base-command.js'
import {settingsOptions} from '../../../cli/settings.js'
import {lockTimeoutFlag} from '../../../cli/migration-command.js'
import {connectionOptions, databaseTarget, type ResolvedSettings, resolveSettings} from '../../../config/index.js'
import {setSettings} from '../../../config/config-service.js'
import type {CopyPlan, CopyResult, TableReport} from '../../../copy/copy.js'
import type {DatabaseTarget} from '../../../db/target.js'
import {parseDatabaseUrl} from '../../../db/url.js'
import {ConfigError, CopyMismatchError} from '../../../errors.js'
import {registerSecret} from '../../../mask.js'
import {rowProgress, type RowProgress} from '../../../ui/progress.js'
import {printWarning, successLine} from '../../../ui/output.js'

const DIALECT_NAMES = {sqlite: 'SQLite', postgresql: 'PostgreSQL'} as const

export default class DatabaseCopy extends BaseCommand<typeof DatabaseCopy> {
  static override summary = 'Copy a Prefect database, every row of it, to another database (SQLite or PostgreSQL), verified.'
  static override description = [
    "Copies every table of Prefect's chain from the source (the configured database, or --from) to an empty target (--to), in either",
    "direction between SQLite and PostgreSQL. The target is first migrated to the source's revision (its counterpart in the other",
    "dialect's chain); the rows go in one transaction, and it commits only after every table's row count and content hash match the",
    "source's. The source is only read, inside one snapshot: a server may keep writing to it. Other applications' tables are listed and",
    'left alone.',
  ].join(' ')

  static override enableJsonFlag = true
  static override examples = [
    '<%= config.bin %> server database copy --to "postgresql+asyncpg://prefect:secret@db:5432/prefect"',
    '<%= config.bin %> server database copy --to "postgresql+asyncpg://prefect:secret@db:5432/prefect" --switch',
    '<%= config.bin %> server database copy --from postgres-profile --to "sqlite+aiosqlite:////tmp/debug.db"',
  ]

  static override flags = {
    from: Flags.string({description: 'The source: a database URL or a profile name (default: the configured database).'}),
    to: Flags.string({description: 'The target: a database URL or a profile name. It must be empty.', required: true}),
    upgrade: Flags.boolean({
      description: "After the copy, upgrade the target to head. Also copies a source whose revision has no counterpart in the target's chain.",
      default: false,
    }),
    switch: Flags.boolean({description: "After success, point the active profile's PREFECT_SERVER_DATABASE_CONNECTION_URL at the target.", default: false}),
    'lock-timeout': lockTimeoutFlag(),
  }

  async run(): Promise<CopyResult> {
    const {flags} = this
    const settings = await resolveSettings(settingsOptions(flags))
    const source = flags.from === undefined ? databaseTarget(settings, printWarning) : await this.endpoint(settings, flags.from, '--from')
    const target = await this.endpoint(settings, flags.to, '--to')
    const {copyDatabase} = await import('../../../copy/copy.js')
    let progress: RowProgress | undefined
    let result: CopyResult
    const migrated = {revisions: 0, ms: 0, last: ''}
    try {
      result = await copyDatabase(source, target, {
        upgrade: flags.upgrade,
        lockTimeoutSeconds: flags['lock-timeout'],
        warn: printWarning,
        onPlan: (plan) => {
          this.showPlan(plan)
          progress = rowProgress({enabled: !this.jsonEnabled(), totalRows: plan.tables.reduce((sum, table) => sum + table.rows, 0)})
        },
        onPhase: (phase) => {
          if (phase === 'migrate') this.note('Migrating the target...')
          if (phase === 'load' && migrated.revisions > 0) this.note(`Migrated the target: ${migrated.revisions} revision(s) in ${(migrated.ms / 1000).toFixed(1)} s, now at ${migrated.last}.`)
          if (phase === 'load') this.note('Copying rows...')
          if (phase === 'rebuild') {
            progress?.stop()
            this.note('Rebuilding indexes and keys...')
          }

          if (phase === 'verify') this.note('Verifying: reading the target back...')
          if (phase === 'upgrade') this.note('Upgrading the target to head...')
        },
        onApplied: (applied) => {
          migrated.revisions++
          migrated.ms += applied.milliseconds
          migrated.last = applied.direction === 'upgrade' ? applied.revision : `below ${applied.revision}`
        },
        onTableStart: (table, rows) => progress?.start(table, rows),
        onRows: (table, rows) => progress?.advance(table, rows),
        onTableDone: (table) => progress?.finish(table),
      })
    } catch (error) {
      progress?.stop()
      if (error instanceof CopyMismatchError && 'reports' in error && !this.jsonEnabled()) {
        for (const line of verificationTable((error as CopyMismatchError & {reports: TableReport[]}).reports)) process.stderr.write(`${line}\n`)
      }

      throw error
    }

    progress?.stop()
    for (const line of verificationTable(result.tables)) this.say(line)
    const seconds = (result.milliseconds.total / 1000).toFixed(1)
    this.say(
      successLine(
        `Copied ${result.rows.toLocaleString('en-US')} rows in ${result.tables.length} tables to ${target.displayUrl} in ${seconds} s (${result.rowsPerSecond.toLocaleString('en-US')} rows/s; read-back verification ${(result.milliseconds.verify / 1000).toFixed(1)} s). Every table's count and hash match; the target is at revision ${result.target.final}.`,
      ),
    )
    if (result.otherTables.length > 0) this.say(`Left alone (not Prefect's): ${result.otherTables.join(', ')}.`)
    if (flags.switch) await this.switchTo(settings, source, target, flags.from === undefined)
    return result
  }

  /** A URL (anything with ://, with the run's connection settings) or a profile's database. */
  private async endpoint(settings: ResolvedSettings, value: string, flag: string): Promise<DatabaseTarget> {
    if (value.includes('://')) {
      const target = parseDatabaseUrl(value, connectionOptions(settings))
      if (target.dialect === 'postgresql') registerSecret(target.password)
      return target
    }

    if (value.trim() === '') throw new ConfigError(`${flag} is empty.`, 'Give a database URL or a profile name.')
    return databaseTarget(await resolveSettings({...settingsOptions(this.flags), profile: value}), printWarning)
  }

  private showPlan(plan: CopyPlan): void {
    const rows = plan.tables.reduce((sum, table) => sum + table.rows, 0)
    this.note(`Source: ${plan.source.database} (${DIALECT_NAMES[plan.source.dialect]}, revision ${plan.source.revision}).`)
    this.note(
      `Target: ${plan.target.database} (${DIALECT_NAMES[plan.target.dialect]}, ${plan.target.from === null ? 'empty' : `empty, at revision ${plan.target.from}`}; to be migrated to ${plan.target.revision}).`,
    )
    if (plan.note) this.note(plan.note)
    this.note(`${plan.tables.length} tables, ${rows.toLocaleString('en-US')} rows to copy.`)
    if (plan.otherTables.length > 0) this.note(`Not Prefect's, not copied: ${plan.otherTables.join(', ')}.`)
  }

  /** Human progress lines: stderr, so stdout stays the result; nothing under --json. */
  private note(line: string): void {
    if (!this.jsonEnabled()) process.stderr.write(`${line}\n`)
  }

  /** `settings`: as the run resolved them, before the switch. */
  private async switchTo(settings: ResolvedSettings, source: DatabaseTarget, target: DatabaseTarget, sourceWasConfigured: boolean): Promise<void> {
    const before = settings.setting('PREFECT_SERVER_DATABASE_CONNECTION_URL')
    const result = await setSettings([`PREFECT_SERVER_DATABASE_CONNECTION_URL=${target.url}`], settingsOptions(this.flags))
    const change = result.changes[0]
    this.say(successLine(`Profile '${result.profile}' now points PREFECT_SERVER_DATABASE_CONNECTION_URL at ${target.displayUrl}.`))
    if (change?.overriddenByEnv) {
      printWarning('PREFECT_SERVER_DATABASE_CONNECTION_URL is also set in the environment, which overrides the profile: unset it there too.')
    }

    const back =
      before && before.source === 'profile' && before.raw
        ? `prefect config set PREFECT_SERVER_DATABASE_CONNECTION_URL="${source.displayUrl}"${source.displayUrl === source.url ? '' : ' (with its password in place of ***)'}`
        : 'prefect config unset PREFECT_SERVER_DATABASE_CONNECTION_URL'
    this.say(`To switch back${sourceWasConfigured ? '' : ' to the previous setting'}: ${back}`)
  }
}

function verificationTable(reports: readonly TableReport[]): string[] {
  const width = Math.max(5, ...reports.map((report) => report.table.length))
  const header = `${'table'.padEnd(width)}  ${'source rows'.padStart(12)}  ${'target rows'.padStart(12)}  content hash`
  return [
    header,
    ...reports.map(
      (report) =>
        `${report.table.padEnd(width)}  ${String(report.sourceRows).padStart(12)}  ${String(report.targetRows).padStart(12)}  ${report.match ? `match ${report.sourceHash.slice(0, 12)}` : `DIFFERS ${report.sourceHash.slice(0, 12)} / ${report.targetHash.slice(0, 12)}`}`,
    ),
  ]
}
