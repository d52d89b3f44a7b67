import {CHAIN_HEADS} from '../migrations/heads.js'
import type {MigrationResult} from '../migrator/types.js'
import {printWarning} from '../ui/output.js'

import {type DatabaseContext, databaseContext} from './database-context.js'
import {sqliteAtHead} from './idle-upgrade.js'
import {nothingToDoLine} from './report.js'

/**
 * The start-up lane: `prefect server database upgrade -y` with nothing but `--json` and
 * `--[no-]baseline` beside it — what a deployment runs at each start and what a fresh install
 * waits for — runs here without loading oclif, whose start-up costs more than a baseline install
 * itself. Any other argument, help included, goes through oclif. Returns false when it does not apply.
 *
 * On a SQLite file already at head (the most common run of all) it answers here, from the
 * settings and one read (idle-upgrade.ts), with the lines and JSON the engine gives; everything
 * else loads the upgrade itself (upgrade-lane.ts: the same runMigration as through oclif).
 */
const LANE_FLAGS = new Set(['-y', '--yes', '--json', '--baseline', '--no-baseline'])

export async function fastUpgrade(args: readonly string[]): Promise<boolean> {
  const yes = args.includes('-y') || args.includes('--yes')
  const both = args.includes('--baseline') && args.includes('--no-baseline')
  if (!yes || both || !args.every((arg) => LANE_FLAGS.has(arg))) return false
  const json = args.includes('--json')
  if (await answerIdle(json)) return true
  const {upgradeLane} = await import('./upgrade-lane.js')
  await upgradeLane({json, baseline: !args.includes('--no-baseline')})
  return true
}

/**
 * Answer an upgrade with nothing to do on a SQLite file, or return false having printed nothing:
 * the settings' warnings are held back until this answers (otherwise the upgrade resolves the
 * settings again, and prints them itself). Not with PREFECT_SERVER_DATABASE_ECHO, whose lines are
 * knex's.
 */
async function answerIdle(json: boolean): Promise<boolean> {
  const warnings: string[] = []
  let context: DatabaseContext
  try {
    context = await databaseContext({}, (message) => warnings.push(message))
  } catch {
    return false
  }

  const {target, hooks} = context
  const head = CHAIN_HEADS.sqlite
  if (target.dialect !== 'sqlite' || hooks.onQuery || !(await sqliteAtHead(target, head))) return false
  for (const message of warnings) printWarning(message)
  const result: MigrationResult = {action: 'upgrade', database: target.displayUrl, dialect: 'sqlite', dryRun: false, from: head, to: head, applied: []}
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `Running upgrade migrations ...\n${nothingToDoLine(result)}\n`)
  return true
}
