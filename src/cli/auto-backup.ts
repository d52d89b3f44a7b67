import {automaticBackup, backupDirectory, downgradeDrops, prefectTablesWithRows} from '../backup/index.js'
import type {ResolvedSettings} from '../config/index.js'
import type {DatabaseTarget} from '../db/target.js'
import type {GlobalFlags} from './settings.js'

export interface BackupFlags extends GlobalFlags {
  backup?: boolean
}

/** Take the backup if it is wanted and there is something to lose; print where it is and how to restore it (stderr). */
export async function backupBeforeDestruction(
  target: DatabaseTarget,
  settings: ResolvedSettings,
  flags: BackupFlags,
  reason: string,
  options: {holdsRows?: boolean; lockTimeoutSeconds?: number} = {},
): Promise<void> {
  if (!(flags.backup ?? target.dialect === 'sqlite')) return
  if (!(options.holdsRows ?? (await prefectTablesWithRows(target)).size > 0)) return
  const directory = backupDirectory(settings.home)
  const keep = settings.get('PREFECT_SERVER_DATABASE_BACKUP_KEEP') as number
  process.stderr.write(`Backing up the database before ${reason}...\n`)
  const result = await automaticBackup(target, {reason, directory, keep, holdsRows: true, lockTimeoutSeconds: options.lockTimeoutSeconds})
  if (result === null) return
  const size = `${(result.manifest.bytes / 1024 / 1024).toFixed(1)} MiB`
  process.stderr.write(
    `Backed up ${result.manifest.rows.toLocaleString('en-US')} rows (revision ${result.manifest.source.revision}, ${size}, ${(result.milliseconds / 1000).toFixed(1)} s) to ${result.path}\n` +
      `To restore it: prefect server database restore "${result.path}" -y\n`,
  )
}

/** Before a downgrade: a backup only when one of its steps drops a table or a column that holds rows. */
export async function backupBeforeDowngrade(
  target: DatabaseTarget,
  settings: ResolvedSettings,
  flags: BackupFlags,
  revision: string,
  options: {warn?: (message: string) => void; lockTimeoutSeconds?: number},
): Promise<void> {
  if (!(flags.backup ?? target.dialect === 'sqlite')) return
  const dropped = await downgradeDrops(target, revision, {warn: options.warn})
  if (dropped.length === 0) return
  const what = dropped.slice(0, 3).map((drop) => (drop.columns ? `${drop.table}.${drop.columns.join(', ')}` : drop.table))
  process.stderr.write(`The downgrade drops data (${what.join('; ')}${dropped.length > 3 ? '; …' : ''}).\n`)
  await backupBeforeDestruction(target, settings, flags, 'downgrade', {holdsRows: true, lockTimeoutSeconds: options.lockTimeoutSeconds})
}
