import type {MigrationLockOptions, MigrationLock} from './lock-common.js'
import type {DatabaseTarget} from './target.js'

export {DEFAULT_LOCK_TIMEOUT_SECONDS, type MigrationLockOptions, type MigrationLock} from './lock-common.js'

/**
 * Make sure two runs never migrate the same database at once. The lock belongs to the process:
 * PostgreSQL releases a session advisory lock when the session ends, and the OS releases the
 * SQLite sidecar file's lock when the process dies, so a killed run never blocks anyone.
 * In-memory SQLite is private to this process and needs no lock.
 */
export async function acquireMigrationLock(target: DatabaseTarget, options: MigrationLockOptions): Promise<MigrationLock> {
  if (target.dialect === 'sqlite') {
    if (target.memory) return {release: async () => {}}
    // Each dialect's driver loads only when that dialect is in use: start-up is part of the product.
    const {acquireSqliteLock} = await import('./lock-sqlite.js')
    return acquireSqliteLock(target, options)
  }

  const {acquirePostgresLock} = await import('./lock-postgres.js')
  return acquirePostgresLock(target, options)
}

