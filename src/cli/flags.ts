import {Flags} from '@oclif/core'

export {jsonOutput} from './json-output.js'

/** Flags several commands share, each defined once. */

/** -y/--yes: do not ask for confirmation. */
export function yesFlag() {
  return Flags.boolean({char: 'y', allowNo: true, description: 'Do not ask for confirmation.', default: false})
}

/** -o/--output FORMAT, where the only format is 'json' (Prefect's `-o json`). */
export function outputFlag() {
  return Flags.string({char: 'o', description: "Output format: 'json'."})
}

/**
 * --[no-]backup: the backup before a destructive command (reset, a downgrade that drops data,
 * restore over data): on by default for SQLite (a file copy, seconds), off for PostgreSQL unless
 * --backup (its size and time; see the README). --no-backup skips it. See auto-backup.ts.
 */
export function backupFlag() {
  return Flags.boolean({
    allowNo: true,
    description: 'Back the database up first, into PREFECT_HOME/backups (default: on for SQLite when it holds rows, off for PostgreSQL).',
  })
}
