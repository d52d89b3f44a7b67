import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../../base-command.js'
import {databaseContext} from '../../../cli/database-context.js'
import {lockTimeoutFlag} from '../../../cli/migration-command.js'
import {backupDatabase, backupDirectory, type BackupResult} from '../../../backup/index.js'
import {successLine} from '../../../ui/output.js'

export default class DatabaseBackup extends BaseCommand<typeof DatabaseBackup> {
  static override summary = 'Back the Prefect database up into one file, with its revision, row counts and content hashes beside it.'
  static override description = [
    'SQLite: an online backup (SQLite\'s backup API, one read transaction), taken while a server goes on writing. PostgreSQL: a SQLite file',
    'written by the copy engine from one repeatable-read snapshot, which restores onto PostgreSQL or SQLite with nothing else installed; or,',
    'with --format pg_dump, pg_dump\'s custom format (pg_dump on PATH; restores onto PostgreSQL). PATH.json records the revision, dialect,',
    'and each table\'s row count and content hash; restore checks them. Default PATH: PREFECT_HOME/backups/prefect-<revision>-<UTC time>.db.',
  ].join(' ')

  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database backup', '<%= config.bin %> server database backup /srv/backups/prefect.db', '<%= config.bin %> server database backup --format pg_dump']
  static override args = {path: Args.string({description: 'The backup file to write (it must not exist).', required: false})}
  static override flags = {
    format: Flags.string({description: 'sqlite: a SQLite file (any source); pg_dump: pg_dump\'s custom format (PostgreSQL, pg_dump on PATH).', options: ['sqlite', 'pg_dump'], default: 'sqlite'}),
    'lock-timeout': lockTimeoutFlag(),
  }

  async run(): Promise<BackupResult> {
    const {flags, args} = this
    const {target, hooks, settings} = await databaseContext(flags)
    const note = (line: string) => !this.jsonEnabled() && process.stderr.write(`${line}\n`)
    const result = await backupDatabase(target, {
      path: args.path,
      directory: backupDirectory(settings.home),
      format: flags.format as 'sqlite' | 'pg_dump',
      lockTimeoutSeconds: flags['lock-timeout'],
      warn: hooks.warn,
      onPhase: (phase) => note(phase === 'hash' ? 'Hashing every table of the backup...' : phase === 'snapshot' ? 'Copying the database (one snapshot)...' : 'Copying every table (one snapshot)...'),
    })
    const {manifest} = result
    this.say(
      successLine(
        `Backed up ${manifest.rows.toLocaleString('en-US')} rows in ${manifest.tables.length} tables of ${target.displayUrl} (revision ${manifest.source.revision}) to ${result.path} (${(manifest.bytes / 1024 / 1024).toFixed(1)} MiB) in ${(result.milliseconds / 1000).toFixed(1)} s.`,
      ),
    )
    this.say(`Counts and hashes: ${result.path}.json. To restore it: prefect server database restore "${result.path}"`)
    return result
  }
}
