import {Flags} from '@oclif/core'

import {DEFAULT_LOCK_TIMEOUT_SECONDS} from '../db/migration-lock.js'
import type {Direction} from '../migrator/types.js'

import {backupFlag, yesFlag} from './flags.js'

export {runMigration, type MigrationFlags} from './run-migration.js'

/**
 * The flags `server database upgrade` and `downgrade` share (what they do with them is
 * run-migration.ts). The two commands differ only in direction.
 */
const TARGETS: Record<Direction, {help: string; default: string}> = {
  upgrade: {help: "Revision to upgrade to: head, +N, a revision id (or a unique prefix of 4+ characters; the other dialect's id is mapped to this one's), or a Prefect release such as 3.4.22 (its head revision).", default: 'head'},
  downgrade: {help: "Revision to downgrade to: -1, -N, base, a revision id (or a unique prefix of 4+ characters; the other dialect's id is mapped to this one's), or a Prefect release such as 3.4.22 (its head revision).", default: '-1'},
}

/** --lock-timeout SECONDS, shared by every command that takes the migration lock. */
export function lockTimeoutFlag() {
  return Flags.custom<number>({description: 'Seconds to wait for another run holding the migration lock.', default: DEFAULT_LOCK_TIMEOUT_SECONDS, parse: parseSeconds})()
}

/** --lock-timeout SECONDS: a non-negative number. */
export async function parseSeconds(input: string): Promise<number> {
  const value = Number(input)
  if (input.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`Expected a number of seconds, got '${input}'.`)
  return value
}

export function migrationFlags(direction: Direction) {
  return {
    yes: yesFlag(),
    revision: Flags.string({char: 'r', description: TARGETS[direction].help, default: TARGETS[direction].default}),
    'dry-run': Flags.boolean({allowNo: true, description: 'Show migrations without applying: print the SQL, change nothing.', default: false}),
    plan: Flags.boolean({
      allowNo: true,
      description: 'Show what each revision would do to this database now (tables, row counts, locks and rewrites), change nothing.',
      default: false,
      exclusive: ['dry-run'],
    }),
    'lock-timeout': lockTimeoutFlag(),
    ...(direction === 'upgrade' ? {baseline: baselineFlag()} : {}),
    ...(direction === 'downgrade' ? {backup: backupFlag()} : {}),
  }
}

/** --no-baseline: an empty database gets every revision, one by one, instead of the head schema at once. */
export function baselineFlag(description = 'An empty database going to head gets the head schema in one transaction; --no-baseline applies every revision instead.') {
  return Flags.boolean({allowNo: true, description, default: true})
}
