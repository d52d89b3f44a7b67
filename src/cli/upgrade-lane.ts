import {DEFAULT_LOCK_TIMEOUT_SECONDS} from '../db/migration-lock.js'

import {reportFailure} from './failure.js'
import {runMigration} from './run-migration.js'

/**
 * The start-up lane's upgrade (see fast-upgrade.ts) when it has work to do, or something to
 * report: the same runMigration and the same failure report (BaseCommand's) as through oclif.
 * It shares no module with the front (a build of its own): it resolves the settings again.
 */
export async function upgradeLane(options: {json: boolean; baseline: boolean}): Promise<void> {
  const {json} = options
  try {
    const flags = {yes: true, revision: 'head', 'dry-run': false, plan: false, 'lock-timeout': DEFAULT_LOCK_TIMEOUT_SECONDS, baseline: options.baseline}
    const result = await runMigration('upgrade', flags, (line) => {
      if (!json) process.stdout.write(`${line}\n`)
    })
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } catch (error) {
    process.exitCode = reportFailure(error instanceof Error ? error : new Error(String(error)), {json, commandLine: 'prefect server database upgrade'})
  }
}
