import {Flags} from '@oclif/core'

import {BaseCommand} from '../../../base-command.js'
import {backupDirectory, type BackupEntry, listBackups, pruneBackups} from '../../../backup/index.js'
import {resolveSettings} from '../../../config/index.js'

export default class DatabaseBackups extends BaseCommand<typeof DatabaseBackups> {
  static override summary = 'List the backups in PREFECT_HOME/backups: path, revision, size, age; --keep N removes the oldest.'
  static override description =
    "Automatic backups (taken before reset, a downgrade that drops data, or a restore over data) are marked with the command; PREFECT_SERVER_DATABASE_BACKUP_KEEP bounds how many of those are kept. --keep N keeps the N newest backups of any kind and removes the others with their sidecars."
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database backups', '<%= config.bin %> server database backups --keep 3']
  static override flags = {
    keep: Flags.integer({description: 'Keep the N newest backups; remove the older ones (and their .json sidecars).', min: 0}),
  }

  async run(): Promise<{directory: string; backups: BackupEntry[]; removed: string[]}> {
    const settings = await resolveSettings(this.settingsOptions())
    const directory = backupDirectory(settings.home)
    const removed = this.flags.keep === undefined ? [] : pruneBackups(directory, this.flags.keep)
    const backups = listBackups(directory)
    for (const file of removed) this.say(`Removed ${file}`)
    if (backups.length === 0) {
      this.say(`No backups in ${directory}.`)
      return {directory, backups, removed}
    }

    const width = Math.max(...backups.map((entry) => entry.path.length))
    this.say(`${'path'.padEnd(width)}  ${'revision'.padEnd(12)}  ${'dialect'.padEnd(10)}  ${'size'.padStart(10)}  ${'age'.padStart(8)}  taken`)
    for (const entry of backups) {
      this.say(
        `${entry.path.padEnd(width)}  ${(entry.revision ?? '?').padEnd(12)}  ${(entry.dialect ?? '?').padEnd(10)}  ${size(entry.bytes).padStart(10)}  ${age(entry.ageSeconds).padStart(8)}  ${entry.problem ? `unusable: ${entry.problem}` : entry.automatic ? `before ${entry.automatic}` : 'by backup'}`,
      )
    }

    return {directory, backups, removed}
  }
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`
}

function age(seconds: number): string {
  if (seconds < 120) return `${seconds} s`
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`
  return `${Math.round(seconds / 86_400)} d`
}
