import type {DatabaseTarget} from '../db/target.js'
import {printWarning} from '../ui/output.js'

/**
 * An in-memory SQLite database (`sqlite+aiosqlite:///:memory:`, `sqlite://`,
 * `…///file::memory:?cache=shared…`) lives exactly as long as the process that opened it: what a
 * command writes into it is gone when the command exits, and the next command finds a new, empty
 * one. Say so in one line on stderr, so that neither looks like a bug.
 */
function inMemory(target: DatabaseTarget): boolean {
  return target.dialect === 'sqlite' && target.memory
}

/** Before a writing command (upgrade, downgrade, reset, stamp) changes an in-memory database. */
export function warnInMemoryWrite(target: DatabaseTarget, action: string): void {
  if (!inMemory(target)) return
  printWarning(
    `'${target.displayUrl}' is an in-memory SQLite database: it lives only as long as this process, so what this ${action} does is gone when the command exits. Point PREFECT_SERVER_DATABASE_CONNECTION_URL at a file to keep it.`,
  )
}

/** After a reading command (current, history) answered `base` from an in-memory database. */
export function noteInMemoryRead(target: DatabaseTarget): void {
  if (!inMemory(target)) return
  printWarning(
    `'${target.displayUrl}' is an in-memory SQLite database: it lives only as long as one process, so each command starts from a new, empty one (at base) and sees nothing an earlier command did.`,
  )
}
