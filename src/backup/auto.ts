import type {DatabaseTarget} from '../db/target.js'
import {BackupFailedError, isPrefectError} from '../errors.js'
import {backupDatabase, type BackupOptions, type BackupResult} from './backup.js'
import {pruneBackups} from './list.js'
import {prefectTablesWithRows} from './rows.js'

export interface AutomaticBackupOptions extends Pick<BackupOptions, 'directory' | 'lockTimeoutSeconds' | 'warn' | 'onPhase' | 'onTableStart' | 'onRows'> {
  /** The destructive command: 'reset', 'downgrade', 'restore'. */
  reason: string
  /** PREFECT_SERVER_DATABASE_BACKUP_KEEP: automatic backups kept afterwards. */
  keep: number
  /** Already known to hold rows (skips looking again). */
  holdsRows?: boolean
}

/**
 * The backup taken before a destructive command: none for an in-memory database or one whose
 * Prefect tables hold no rows (nothing to lose). A failure is BackupFailedError (exit 20), which
 * stops the command before it changes anything. Older automatic backups beyond `keep` go.
 */
export async function automaticBackup(target: DatabaseTarget, options: AutomaticBackupOptions): Promise<(BackupResult & {pruned: string[]}) | null> {
  if (target.dialect === 'sqlite' && target.memory) return null
  if (options.holdsRows === undefined && (await prefectTablesWithRows(target)).size === 0) return null
  let result: BackupResult
  try {
    result = await backupDatabase(target, {...options, automatic: options.reason})
  } catch (error) {
    const line = isPrefectError(error) ? error.message : (error as Error).message
    throw new BackupFailedError(
      `The backup before ${options.reason} failed, so nothing was changed: ${line}`,
      `Fix that and run it again, or pass --no-backup to ${options.reason} without one.`,
    )
  }

  const pruned = pruneBackups(options.directory, Math.max(options.keep, 1), {automaticOnly: true})
  return {...result, pruned}
}
