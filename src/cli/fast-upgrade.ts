import {DEFAULT_LOCK_TIMEOUT_SECONDS} from '../db/migration-lock.js'

import {reportFailure} from './failure.js'
import {runMigration} from './run-migration.js'

/**
 * The start-up lane: `prefect server database upgrade -y` with nothing but `--json` and
 * `--[no-]baseline` beside it — what a deployment runs at each start and what a fresh install
 * waits for — runs here without loading oclif, whose start-up costs more than a baseline install
 * itself. The same runMigration and the same failure report (BaseCommand's) as through oclif;
 * any other argument, help included, goes through oclif. Returns false when it does not apply.
 */
const LANE_FLAGS = new Set(['-y', '--yes', '--json', '--baseline', '--no-baseline'])

export async function fastUpgrade(args: readonly string[]): Promise<boolean> {
  const yes = args.includes('-y') || args.includes('--yes')
  const both = args.includes('--baseline') && args.includes('--no-baseline')
  if (!yes || both || !args.every((arg) => LANE_FLAGS.has(arg))) return false
  const json = args.includes('--json')
  try {
    const flags = {yes, revision: 'head', 'dry-run': false, plan: false, 'lock-timeout': DEFAULT_LOCK_TIMEOUT_SECONDS, baseline: !args.includes('--no-baseline')}
    const result = await runMigration('upgrade', flags, (line) => {
      if (!json) process.stdout.write(`${line}\n`)
    })
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } catch (error) {
    process.exitCode = reportFailure(error instanceof Error ? error : new Error(String(error)), {json, commandLine: 'prefect server database upgrade'})
  }

  return true
}
