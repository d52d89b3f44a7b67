import type {Knex} from 'knex'

import type {Dialect} from '../db/target.js'
import {TERMINAL_STATES} from './sql.js'
import {emptyCounts, type TableCounts, type VacuumCutoffs, type VacuumKind} from './types.js'

export interface Counts {
  deleted: TableCounts
  collectionsRepointed: number
}

/**
 * What a run with these kinds and cutoffs deletes, counted without changing anything: the same
 * rules, evaluated as set-based counts. Flow runs include the subflows that qualify once their
 * parent's task run goes (a recursive CTE); collections are counted by their final fate: removed
 * when no artifact with their key is left, re-pointed otherwise.
 */
export async function countVacuum(knex: Knex, dialect: Dialect, kinds: readonly VacuumKind[], cutoffs: VacuumCutoffs): Promise<Counts> {
  const deleted = emptyCounts()
  let collectionsRepointed = 0
  const cast = dialect === 'postgresql' ? '?::timestamptz' : '?'
  const at = (date: Date) => (dialect === 'postgresql' ? date.toISOString() : `${date.toISOString().replace('T', ' ').replace('Z', '')}000`)
  const one = async (sql: string, bindings: Knex.RawBinding[]): Promise<Record<string, number>> => {
    const result = (await knex.raw(sql, bindings)) as Array<Record<string, unknown>> | {rows: Array<Record<string, unknown>>}
    const row = (Array.isArray(result) ? result : result.rows)[0]
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]))
  }

  const flowRuns = kinds.includes('flow-runs') && cutoffs.flowRuns !== null
  const orphans = kinds.includes('orphans')
  const terminal = TERMINAL_STATES.map((state) => `'${state}'`).join(', ')
  const qualifies = (alias: string) => `${alias}.state_type in (${terminal}) and ${alias}.end_time is not null and ${alias}.end_time < ${cast}`
  const doomed = `with recursive doomed(id) as (
      select f.id from flow_run f where f.parent_task_run_id is null and ${qualifies('f')}
      union
      select f.id from flow_run f join task_run t on f.parent_task_run_id = t.id join doomed d on t.flow_run_id = d.id where ${qualifies('f')}
    )`
  const doomedBindings: string[] = flowRuns ? [at(cutoffs.flowRuns!), at(cutoffs.flowRuns!)] : []
  const orphanArtifacts = 'select a.id from artifact a where a.flow_run_id is not null and not exists (select 1 from flow_run f where f.id = a.flow_run_id)'
  const runArtifacts = 'select id from artifact where flow_run_id in (select id from doomed)'

  if (flowRuns) {
    Object.assign(deleted, await one(`${doomed} select
        (select count(*) from doomed) as flow_run,
        (select count(*) from flow_run_state where flow_run_id in (select id from doomed)) as flow_run_state,
        (select count(*) from flow_run_input where flow_run_id in (select id from doomed)) as flow_run_input,
        (select count(*) from task_run where flow_run_id in (select id from doomed)) as task_run,
        (select count(*) from task_run_state where task_run_id in (select id from task_run where flow_run_id in (select id from doomed))) as task_run_state,
        (select count(*) from log where flow_run_id in (select id from doomed)) as log,
        (select count(*) from artifact where flow_run_id in (select id from doomed)) as artifact`, doomedBindings))
  }

  if (orphans) {
    const found = await one(`select
        (select count(*) from log l where l.flow_run_id is not null and not exists (select 1 from flow_run f where f.id = l.flow_run_id)) as log,
        (select count(*) from (${orphanArtifacts}) o) as artifact`, [])
    deleted.log += found.log
    deleted.artifact += found.artifact
  }

  if (flowRuns || orphans) {
    const gone = [...(orphans ? [orphanArtifacts] : []), ...(flowRuns ? [runArtifacts] : [])].join(' union ')
    // With the orphan rules every collection whose latest artifact is missing is reconciled; the
    // flow-run step alone reconciles only those whose latest artifact it deletes.
    const affected = orphans
      ? `not exists (select 1 from artifact a where a.id = c.latest_id and a.id not in (${gone}))`
      : `c.latest_id in (${gone})`
    const survivor = `exists (select 1 from artifact a where a.key = c.key and a.id not in (${gone}))`
    const prefix = flowRuns ? doomed : ''
    const found = await one(`${prefix} select
        (select count(*) from artifact_collection c where ${affected} and not ${survivor}) as removed,
        (select count(*) from artifact_collection c where ${affected} and ${survivor}) as repointed`, flowRuns ? doomedBindings : [])
    deleted.artifact_collection = found.removed
    collectionsRepointed = found.repointed
  }

  if (kinds.includes('events') && cutoffs.events !== null) {
    const types = Object.entries(cutoffs.eventTypes)
    const byType = types.map(() => `(event = ? and occurred < ${cast})`)
    const typeBindings = types.flatMap(([type, cutoff]) => [type, at(cutoff)])
    const typed = byType.length > 0 ? `r.event_id in (select id from events where ${byType.join(' or ')})` : '1 = 0'
    const found = await one(`select
        (select count(*) from events where occurred < ${cast}${byType.map((clause) => ` or ${clause}`).join('')}) as events,
        (select count(*) from event_resources r where r.occurred < ${cast} or ${typed}) as event_resources`,
    [at(cutoffs.events), ...typeBindings, at(cutoffs.events), ...typeBindings])
    deleted.events = found.events
    deleted.event_resources = found.event_resources
  }

  return {deleted, collectionsRepointed}
}
