import path from 'node:path'

import {Args} from '@oclif/core'

import {BaseCommand} from '../../../base-command.js'
import {backupBeforeDestruction} from '../../../cli/auto-backup.js'
import {backupFlag} from '../../../cli/flags.js'
import {databaseContext} from '../../../cli/database-context.js'
import {yesFlag} from '../../../cli/flags.js'
import {lockTimeoutFlag} from '../../../cli/migration-command.js'
import {confirmOrAbort} from '../../../cli/prompt-policy.js'
import {prepareRestore, restore, type RestoreResult} from '../../../backup/index.js'
import {rowProgress, type RowProgress} from '../../../ui/progress.js'
import {successLine} from '../../../ui/output.js'

export default class DatabaseRestore extends BaseCommand<typeof DatabaseRestore> {
  static override summary = 'Restore a backup into the Prefect database (SQLite or PostgreSQL), verified against its recorded counts and hashes.'
  static override description = [
    "Checks the backup first (its .json sidecar, the file's size and checksum, a revision this tool knows), changing nothing if it is",
    "wrong. Into a database that holds Prefect rows only with -y or a yes at the prompt: that database is backed up first (SQLite; PostgreSQL",
    "with --backup), then emptied (Prefect's tables only). The database is migrated to the backup's revision (its counterpart on the other",
    'dialect), the rows loaded in one transaction and committed only when every count and hash matches. A restore that fails or is killed',
    'leaves the database migrated and empty, which the next restore accepts.',
  ].join(' ')

  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database restore ~/.prefect/backups/prefect-3c841a1800a1-20250102T030405Z.db', '<%= config.bin %> server database restore /srv/backups/prefect.db -y --no-backup']
  static override args = {path: Args.string({description: 'The backup file (its PATH.json sidecar beside it).', required: true})}
  static override flags = {
    yes: yesFlag(),
    backup: backupFlag(),
    'lock-timeout': lockTimeoutFlag(),
  }

  async run(): Promise<RestoreResult> {
    const {flags} = this
    const file = path.resolve(this.args.path)
    const {target, prompt, hooks, settings} = await databaseContext(flags)
    const prepared = await prepareRestore(file, target)
    const holding = prepared.targetTablesWithRows
    if (holding.length > 0) {
      await confirmOrAbort(
        `The Prefect database at "${target.displayUrl}" holds rows in ${holding.length} table(s) (${holding.slice(0, 4).join(', ')}${holding.length > 4 ? ', …' : ''}). Replace them all with the backup ${file}?`,
        {yes: flags.yes, action: 'replace the rows of a database that holds data', prompt, aborted: 'Restore aborted'},
      )
      await backupBeforeDestruction(target, settings, flags, 'restore', {holdsRows: true, lockTimeoutSeconds: flags['lock-timeout']})
    }

    const note = (line: string) => !this.jsonEnabled() && process.stderr.write(`${line}\n`)
    const {manifest} = prepared
    note(`Restoring ${file} (${manifest.source.dialect}, revision ${manifest.source.revision}, ${manifest.rows.toLocaleString('en-US')} rows, taken ${manifest.created}) into ${target.displayUrl}.`)
    let progress: RowProgress | undefined
    let result: RestoreResult
    try {
      result = await restore(prepared, target, {
        lockTimeoutSeconds: flags['lock-timeout'],
        warn: hooks.warn,
        onReset: (phase) => phase === 'start' && note('Emptying the database (Prefect\'s tables)...'),
        onPhase: (phase) => {
          if (phase === 'migrate') note('Migrating the database to the backup\'s revision...')
          if (phase === 'load') {
            note('Loading rows...')
            progress = rowProgress({enabled: !this.jsonEnabled(), totalRows: manifest.rows})
          }

          if (phase === 'rebuild') progress?.stop()
          if (phase === 'verify') note('Verifying counts and hashes...')
        },
        onTableStart: (table, rows) => progress?.start(table, rows),
        onRows: (table, rows) => progress?.advance(table, rows),
        onTableDone: (table) => progress?.finish(table),
      })
    } finally {
      progress?.stop()
    }

    this.say(
      successLine(
        `Restored ${result.rows.toLocaleString('en-US')} rows in ${result.tables.length} tables into ${target.displayUrl} (now at revision ${result.revision}) in ${(result.milliseconds / 1000).toFixed(1)} s; every table's count and hash match the backup's.`,
      ),
    )
    return result
  }
}
