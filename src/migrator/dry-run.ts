import {sqliteFileExists} from '../db/connect.js'
import {scratchDatabase, type ScratchDatabase} from '../db/scratch-database.js'
import type {DatabaseTarget} from '../db/target.js'
import {ConnectionError} from '../errors.js'
import type {Chain} from './chain.js'
import {onPostgresScratch, onSqliteCopy, type Pass, type Recording} from './dry-run-rows.js'
import {readOnlyState} from './inspect.js'
import {result} from './result.js'
import type {Plan} from './plan.js'
import {assertMigratable, type DatabaseState, ensureRecordTable, planningPosition} from './record.js'
import {runSteps} from './run-steps.js'
import type {Dialect} from '../db/target.js'
import type {DryRunStep, MigrateOptions, MigrationResult, StartedRevision} from './types.js'

const EMPTY: DatabaseState = {position: -1, hasRecord: false, applied: [], otherTables: [], interrupted: null, baseline: null}

/**
 * --dry-run: read where the database is (never creating it; on PostgreSQL an unreachable
 * server means "assume empty", with a warning), then run the planned revisions against a
 * recording knex and return their SQL. Nothing is written to the database.
 * First on a scratch that has the schema and no rows; when a revision read the database there,
 * the run is recorded again on a copy holding the rows as they are now (dry-run-rows.ts), unless
 * options.dryRunRows is false (--plan) or the copy cannot be made (a warning; the script says so).
 */
export async function dryRun(
  target: DatabaseTarget,
  chain: Chain,
  action: 'upgrade' | 'downgrade',
  planFor: (position: number) => Plan,
  options: MigrateOptions,
): Promise<MigrationResult> {
  const exists = target.dialect === 'sqlite' ? !target.memory && sqliteFileExists(target) : true
  const {state, reachable} = exists ? await currentState(target, chain, options) : {state: EMPTY, reachable: false}
  assertMigratable(state, target.displayUrl)
  const plan = planFor(planningPosition(state, action))
  const pass: Pass = (scratch) => record(scratch, target, plan)
  let recording = await pass(scratchDatabase(target, exists))
  let seen = target.dialect === 'sqlite' ? (exists ? SCHEMA_ONLY : 'an empty database (the file does not exist yet)') : NO_ROWS
  if (reachable && options.dryRunRows !== false && readsDatabase(recording.statements)) {
    const rows = target.dialect === 'sqlite' ? await onSqliteCopy(target, pass) : await onPostgresScratch(target, chain, plan.from, recording, pass)
    if ('unavailable' in rows) {
      options.warn?.(`The dry run could not read the rows: ${rows.unavailable}. The SQL shown is for ${seen}.`)
      seen = `${seen}, since ${rows.unavailable}`
    } else {
      recording = rows.recording
      seen = rowsSeen(target.dialect, rows.taken)
    }
  }

  return {...result(action, target, chain, plan.from, plan.to, recording.applied), dryRun: true, ...script(recording.statements, seen)}
}

const SCHEMA_ONLY = "this database's schema (its rows are not read by a dry run)"
const NO_ROWS = 'what the dry run could read (no rows)'

function rowsSeen(dialect: Dialect, taken: Date): string {
  const when = taken.toISOString().replace(/\.\d+Z$/, 'Z')
  const where = dialect === 'sqlite' ? 'a copy of the file' : "copied into a scratch database that this tool's chain built at the starting revision; schema drift, see check, is not reproduced"
  return (
    `this database's rows as the dry run read them at ${when} (${where}); rows changed since then can change these statements`
  )
}

async function record(scratch: ScratchDatabase, target: DatabaseTarget, plan: Plan): Promise<Recording> {
  try {
    if (plan.steps.length > 0) await ensureRecordTable(scratch.knex)
    const marker = (step: StartedRevision) => scratch.statements.push(`${MARKER}${step.direction} ${step.revision}: ${step.message}`)
    const applied = await runSteps(scratch.knex, target, plan.steps, {onStart: marker})
    return {statements: scratch.statements, applied}
  } finally {
    await scratch.knex.destroy()
  }
}

/** Whether a revision read the database (beyond the engine's own checks). */
function readsDatabase(recorded: readonly string[]): boolean {
  return recorded.some((statement) => !statement.startsWith(MARKER) && READ.test(statement) && !ENGINE_READ.test(statement))
}

const MARKER = '\u0000revision '

/**
 * A statement that only reads state: it is not part of the script. A pragma that sets something
 * (foreign_keys, writable_schema, schema_version) is.
 */
const READ = /^\s*(select\b|pragma\s+(?![\w.]+\s*=)|with\b(?![\s\S]*\b(insert|update|delete)\b))/i
/** The engine's own reads (SQLite's foreign key check): they say nothing of the revision's data. */
const ENGINE_READ = /^\s*(pragma\s+foreign_key_(check|list)\b|select name from sqlite_master where type = 'table'$)/i

/**
 * The recorded statements as a script that the database's own client can apply to a database at
 * the starting revision: each revision under a comment naming it, with the transaction
 * boundaries and alembic_version updates of the real run. Statements a revision runs only to
 * read state are set apart; a revision whose SQL depends on what it read says so.
 */
function script(recorded: readonly string[], seen: string): {sql: string[]; reads: string[]; steps: DryRunStep[]} {
  const sql: string[] = []
  const reads: string[] = []
  const steps: DryRunStep[] = []
  let header = -1
  let label = ''
  let readsData = false
  const flush = () => {
    if (header >= 0 && readsData) {
      sql.splice(header + 1, 0, `-- This revision reads the database: the statements below are what it runs against ${seen}.`)
    }
  }

  for (const statement of recorded) {
    if (statement.startsWith(MARKER)) {
      flush()
      label = statement.slice(MARKER.length)
      const [, direction, revision] = /^(\w+) (\S+): /.exec(label) ?? []
      steps.push({revision, direction: direction as DryRunStep['direction'], statements: []})
      sql.push('', `-- ${label}`)
      header = sql.length - 1
      readsData = false
    } else if (READ.test(statement)) {
      // The engine's foreign key checks before each SQLite commit are left out: they read only.
      if (ENGINE_READ.test(statement)) continue
      reads.push(`${label ? `-- ${label}\n` : ''}${statement}`)
      readsData = true
    } else {
      sql.push(/;\s*$/.test(statement) ? statement : `${statement};`)
      steps.at(-1)?.statements.push(statement)
    }
  }

  flush()
  return {sql, reads, steps}
}

async function currentState(target: DatabaseTarget, chain: Chain, options: MigrateOptions): Promise<{state: DatabaseState; reachable: boolean}> {
  try {
    const state = await readOnlyState(target, chain, options)
    return {state: state ?? EMPTY, reachable: state !== null}
  } catch (error) {
    // Offline, a dry run still shows the SQL from scratch; a wrong password, a missing database
    // or a too-old server stays an error, since the SQL shown would be wrong for it.
    if (target.dialect === 'postgresql' && error instanceof ConnectionError && UNREACHABLE.test(error.message)) {
      options.warn?.(`${error.line} Showing the SQL for an empty database.`)
      return {state: EMPTY, reachable: false}
    }

    throw error
  }
}

const UNREACHABLE = /connection refused|was not found|no answer from|is unreachable/
