import crypto from 'node:crypto'

import knexFactory, {type Knex} from 'knex'

import type {TestDialect} from '../harness/databases.js'
import {buildReferenceDatabase} from './reference-db.js'
import {chainIds} from './chains.js'

/**
 * A Prefect database at head, filled with rows on both sides of every rule of the db_vacuum
 * service, and the ids each rule selects, so a test can check that exactly those went. Cutoffs:
 * flow runs 90 days (the default), events 7 days (the default), heartbeat events 2 days
 * (FIXTURE_ENV sets that override).
 */
export const FIXTURE_ENV = {
  PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED: 'events,flow_runs',
  PREFECT_SERVER_SERVICES_DB_VACUUM_EVENT_RETENTION_OVERRIDES: '{"prefect.flow-run.heartbeat": 172800}',
}

export const TABLES = ['flow_run', 'flow_run_state', 'flow_run_input', 'task_run', 'task_run_state', 'log', 'artifact', 'artifact_collection', 'events', 'event_resources'] as const
export type Table = (typeof TABLES)[number]

export interface Fixture {
  /** Ids the rules select, per table (flow-runs rule, orphan rules, event rules). */
  doomed: Record<Table, Set<string>>
  /** Which doomed ids come from the orphan rules only (so a --only flow-runs run keeps them). */
  orphans: Record<Table, Set<string>>
  /** Collections re-pointed: collection id -> the artifact id it must point at afterwards. */
  repointed: Map<string, string>
  /** Old runs of the plain kind (A): each has 2 flow states, 2 task runs with 2 states each, 1 input, 3 logs, 1 artifact. */
  plainOldRuns: string[]
  /** A running subflow whose parent task run goes: it stays, top-level. */
  orphanedSubflows: string[]
}

const DAY = 86_400_000

export function connect(dialect: TestDialect, location: string): Knex {
  return dialect === 'sqlite'
    ? knexFactory({client: 'better-sqlite3', connection: {filename: location}, useNullAsDefault: true, pool: {min: 1, max: 1}})
    : knexFactory({client: 'pg', connection: location, pool: {min: 0, max: 2}})
}

/** Build head from the reference dump at `location` (a SQLite path or an empty PostgreSQL database's URL) and fill it. */
export async function buildVacuumFixture(dialect: TestDialect, location: string, groups: number): Promise<Fixture> {
  await buildReferenceDatabase(dialect, location, chainIds(dialect).length)
  const knex = connect(dialect, location)
  try {
    return await fill(knex, dialect, groups)
  } finally {
    await knex.destroy()
  }
}

async function fill(knex: Knex, dialect: TestDialect, groups: number): Promise<Fixture> {
  const now = Date.now()
  let tick = 0
  // Distinct timestamps (unique (run, timestamp) on states), in each dialect's stored form.
  const at = (ageMs: number) => {
    const date = new Date(now - ageMs + tick++)
    return dialect === 'sqlite' ? `${date.toISOString().replace('T', ' ').replace('Z', '')}000` : date.toISOString()
  }

  const rows: Record<string, Array<Record<string, unknown>>> = {}
  const add = (table: string, row: Record<string, unknown>) => {
    const id = (row.id as string | undefined) ?? crypto.randomUUID()
    ;(rows[table] ??= []).push({id, ...row})
    return id
  }

  const doomed = Object.fromEntries(TABLES.map((table) => [table, new Set<string>()])) as Record<Table, Set<string>>
  const orphans = Object.fromEntries(TABLES.map((table) => [table, new Set<string>()])) as Record<Table, Set<string>>
  const mark = (table: Table, id: string, gone: boolean, orphan = false) => {
    if (gone) doomed[table].add(id)
    if (gone && orphan) orphans[table].add(id)
    return id
  }

  const flowId = add('flow', {name: 'vacuum-fixture'})
  const json = (value: unknown) => JSON.stringify(value)

  /** A run with its children; `gone` marks them all. Returns the run and its task run ids. */
  const run = (options: {state: string; ageMs: number | null; gone: boolean; parentTaskRunId?: string; key?: string}) => {
    const runId = mark('flow_run', add('flow_run', {
      flow_id: flowId, name: `run-${tick}`, state_type: options.state, state_name: options.state,
      end_time: options.ageMs === null ? null : at(options.ageMs), parent_task_run_id: options.parentTaskRunId ?? null,
    }), options.gone)
    const artifactId = mark('artifact', add('artifact', {flow_run_id: runId, key: options.key ?? null, data: json({n: 1}), created: at(DAY * 300)}), options.gone)
    for (let i = 0; i < 2; i++) mark('flow_run_state', add('flow_run_state', {flow_run_id: runId, type: options.state, name: options.state, timestamp: at(DAY * 300), result_artifact_id: artifactId}), options.gone)
    mark('flow_run_input', add('flow_run_input', {flow_run_id: runId, key: 'k', value: '1'}), options.gone)
    const taskRuns: string[] = []
    for (let i = 0; i < 2; i++) {
      const taskRunId = mark('task_run', add('task_run', {flow_run_id: runId, name: `task-${i}`, task_key: `task-${i}`, dynamic_key: '0'}), options.gone)
      taskRuns.push(taskRunId)
      for (let j = 0; j < 2; j++) mark('task_run_state', add('task_run_state', {task_run_id: taskRunId, type: 'COMPLETED', name: 'Completed', timestamp: at(DAY * 300), result_artifact_id: artifactId}), options.gone)
    }

    for (let i = 0; i < 3; i++) {
      mark('log', add('log', {flow_run_id: runId, task_run_id: i === 0 ? taskRuns[0] : null, name: 'l', level: 20, message: 'm', timestamp: at(DAY * 300)}), options.gone)
    }

    return {runId, taskRuns, artifactId}
  }

  const old = DAY * 200
  const plainOldRuns: string[] = []
  const orphanedSubflows: string[] = []
  const kept: Array<{runId: string; taskRuns: string[]}> = []
  for (let g = 0; g < groups; g++) {
    plainOldRuns.push(run({state: g % 2 ? 'COMPLETED' : 'CANCELLED', ageMs: old, gone: true}).runId)
    run({state: 'RUNNING', ageMs: old, gone: false})
    const recent = run({state: 'COMPLETED', ageMs: DAY * 10, gone: false})
    kept.push(recent)
    run({state: 'COMPLETED', ageMs: null, gone: false})
    const failed = run({state: 'FAILED', ageMs: old, gone: true})
    const sub1 = run({state: 'COMPLETED', ageMs: old, gone: true, parentTaskRunId: failed.taskRuns[0]})
    run({state: 'CRASHED', ageMs: old, gone: true, parentTaskRunId: sub1.taskRuns[1]})
    orphanedSubflows.push(run({state: 'RUNNING', ageMs: old, gone: false, parentTaskRunId: failed.taskRuns[1]}).runId)
    run({state: 'COMPLETED', ageMs: old, gone: false, parentTaskRunId: recent.taskRuns[0]})

    const event = (type: string, ageMs: number, resources: number, gone: boolean) => {
      const time = at(ageMs)
      const eventId = mark('events', add('events', {occurred: time, event: type, resource_id: `r-${g}`, resource: json({}), payload: json({}), received: time, recorded: time}), gone)
      for (let i = 0; i < resources; i++) {
        mark('event_resources', add('event_resources', {occurred: time, resource_id: `r-${g}-${i}`, resource_role: 'related', resource: json({}), event_id: eventId}), gone)
      }
    }

    event('prefect.flow-run.Completed', DAY * 10, 2, true)
    event('prefect.flow-run.Completed', DAY, 2, false)
    event('prefect.flow-run.heartbeat', DAY * 3, 1, true)
    event('prefect.flow-run.heartbeat', DAY, 1, false)
  }

  // Orphans: logs and artifacts of flow runs that are gone; rows without a flow run stay.
  for (let i = 0; i < 5; i++) {
    const missing = crypto.randomUUID()
    for (let j = 0; j < 3; j++) mark('log', add('log', {flow_run_id: missing, name: 'l', level: 20, message: 'orphan', timestamp: at(DAY)}), true, true)
    mark('artifact', add('artifact', {flow_run_id: missing, data: json(1), created: at(DAY)}), true, true)
  }

  add('log', {flow_run_id: null, name: 'l', level: 20, message: 'no run', timestamp: at(DAY * 300)})
  add('artifact', {flow_run_id: null, data: json(1), created: at(DAY * 300)})
  for (let i = 0; i < 2; i++) mark('event_resources', add('event_resources', {occurred: at(DAY * 10), resource_id: 'x', resource_role: 'r', resource: json({}), event_id: crypto.randomUUID()}), true)
  add('event_resources', {occurred: at(DAY), resource_id: 'x', resource_role: 'r', resource: json({}), event_id: crypto.randomUUID()})

  // Artifact collections, one per case of the stale-collection reconciliation.
  const repointed = new Map<string, string>()
  const artifact = (key: string, runId: string | null, ageMs: number) => add('artifact', {flow_run_id: runId, key, data: json(key), created: at(ageMs)})
  const collection = (key: string, latestId: string) => add('artifact_collection', {key, latest_id: latestId, data: json('stale')})
  const oldRun = (i: number) => plainOldRuns[i % plainOldRuns.length]
  // ka: the latest goes with its old run; an older one in a kept run remains: re-pointed to it.
  const ka1 = artifact('ka', kept[0].runId, DAY * 5)
  const ka2 = mark('artifact', artifact('ka', oldRun(0), DAY), true)
  repointed.set(collection('ka', ka2), ka1)
  // kb: the only artifact goes with its run: removed.
  mark('artifact_collection', collection('kb', mark('artifact', artifact('kb', oldRun(1), DAY), true)), true)
  // kc: already stale (latest missing); an artifact with the key remains: re-pointed.
  const kc1 = artifact('kc', kept[0].runId, DAY * 2)
  repointed.set(collection('kc', crypto.randomUUID()), kc1)
  // kd: already stale, nothing left with the key: removed.
  mark('artifact_collection', collection('kd', crypto.randomUUID()), true, true)
  // ke: latest in a kept run: untouched.
  collection('ke', artifact('ke', kept[0].runId, DAY))
  // kf: latest is an orphan artifact; an older one in a kept run: re-pointed to it.
  const kf0 = artifact('kf', kept[0].runId, DAY * 9)
  const kf1 = mark('artifact', artifact('kf', crypto.randomUUID(), DAY), true, true)
  repointed.set(collection('kf', kf1), kf0)

  const order = ['flow', 'flow_run', 'task_run', 'artifact', 'flow_run_state', 'task_run_state', 'flow_run_input', 'log', 'artifact_collection', 'events', 'event_resources']
  await knex.transaction(async (trx) => {
    // Subflows point at task runs inserted after them: insert flow runs without the parent first.
    for (const table of order) {
      const list = (rows[table] ?? []).map((row) => (table === 'flow_run' ? {...row, parent_task_run_id: null} : row))
      const size = dialect === 'sqlite' ? 50 : 500
      for (let i = 0; i < list.length; i += size) await trx(table).insert(list.slice(i, i + size))
    }

    for (const row of rows.flow_run.filter((r) => r.parent_task_run_id)) {
      await trx('flow_run').where('id', String(row.id)).update({parent_task_run_id: String(row.parent_task_run_id)})
    }
  })
  return {doomed, orphans, repointed, plainOldRuns, orphanedSubflows}
}

/** Every id per table, read through a second connection. */
export async function idsByTable(knex: Knex): Promise<Record<Table, Set<string>>> {
  const out = {} as Record<Table, Set<string>>
  for (const table of TABLES) out[table] = new Set(((await knex(table).select('id')) as Array<{id: string}>).map((row) => String(row.id)))
  return out
}
