import {sqliteFileExists} from '../db/connect.js'
import {scratchDatabase} from '../db/scratch-database.js'
import type {DatabaseTarget} from '../db/target.js'
import {ConnectionError} from '../errors.js'
import type {Chain} from './chain.js'
import {readOnlyState} from './inspect.js'
import {result} from './result.js'
import type {Plan} from './plan.js'
import {assertMigratable, type DatabaseState, ensureRecordTable, planningPosition} from './record.js'
import {runSteps} from './run-steps.js'
import type {MigrateOptions, MigrationResult} from './types.js'

const EMPTY: DatabaseState = {position: -1, hasRecord: false, applied: [], otherTables: [], interrupted: null}

/**
 * --dry-run: read where the database is (never creating it; on PostgreSQL an unreachable
 * server means "assume empty", with a warning), then run the planned revisions against a
 * recording knex and return their SQL. Nothing is written anywhere.
 */
export async function dryRun(
  target: DatabaseTarget,
  chain: Chain,
  action: 'upgrade' | 'downgrade',
  planFor: (position: number) => Plan,
  options: MigrateOptions,
): Promise<MigrationResult> {
  const exists = target.dialect === 'sqlite' ? !target.memory && sqliteFileExists(target) : true
  const state = exists ? await currentState(target, chain, options) : EMPTY
  assertMigratable(state, target.displayUrl)
  const plan = planFor(planningPosition(state, action))
  const scratch = scratchDatabase(target, exists)
  try {
    if (plan.steps.length > 0) await ensureRecordTable(scratch.knex)
    const applied = await runSteps(scratch.knex, target, plan.steps)
    return {...result(action, target, chain, plan.from, plan.to, applied), dryRun: true, sql: scratch.statements}
  } finally {
    await scratch.knex.destroy()
  }
}

async function currentState(target: DatabaseTarget, chain: Chain, options: MigrateOptions): Promise<DatabaseState> {
  try {
    return (await readOnlyState(target, chain, options)) ?? EMPTY
  } catch (error) {
    // Offline, a dry run still shows the SQL from scratch; a wrong password, a missing database
    // or a too-old server stays an error, since the SQL shown would be wrong for it.
    if (target.dialect === 'postgresql' && error instanceof ConnectionError && UNREACHABLE.test(error.message)) {
      options.warn?.(`${error.line} Showing the SQL for an empty database.`)
      return EMPTY
    }

    throw error
  }
}

const UNREACHABLE = /connection refused|was not found|no answer from|is unreachable/
