import type {Knex} from 'knex'

import type {DatabaseTarget} from '../db/target.js'
import {VacuumNotPrefectError, VacuumSchemaError} from '../errors.js'
import type {VacuumKind} from './types.js'

const COPIED = ['data', 'description', 'type', 'created', 'updated', 'flow_run_id', 'task_run_id', 'metadata_']
const ARTIFACTS = {artifact: ['id', 'key', ...COPIED], artifact_collection: ['id', 'key', 'latest_id', ...COPIED]}

/** The tables and columns each kind reads and deletes from. */
const NEEDS: Record<VacuumKind, Record<string, string[]>> = {
  orphans: {flow_run: ['id'], log: ['id', 'flow_run_id'], ...ARTIFACTS},
  'flow-runs': {
    flow_run: ['id', 'parent_task_run_id', 'state_type', 'end_time'],
    flow_run_state: ['flow_run_id'],
    flow_run_input: ['flow_run_id'],
    task_run: ['id', 'flow_run_id'],
    task_run_state: ['task_run_id'],
    log: ['id', 'flow_run_id'],
    ...ARTIFACTS,
  },
  events: {events: ['id', 'event', 'occurred'], event_resources: ['id', 'event_id', 'occurred']},
}

/**
 * Refuse a database that is not Prefect's (no alembic_version: exit 25), or whose schema lacks a
 * table or column this run deletes from (a Prefect database behind the revisions that add them:
 * exit 26), before anything is read or deleted.
 */
export async function requireVacuumSchema(knex: Knex, target: DatabaseTarget, kinds: readonly VacuumKind[]): Promise<void> {
  const columns = await columnsByTable(knex, target)
  if (!columns.has('alembic_version')) {
    const tables = [...columns.keys()]
    if (tables.length === 0) throw new VacuumNotPrefectError(`The database at ${target.displayUrl} is empty: there is nothing to vacuum.`)
    throw new VacuumNotPrefectError(
      `The database at ${target.displayUrl} has tables (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}) but no alembic_version: it is not a Prefect database.`,
      "Point the connection URL at Prefect's database.",
    )
  }

  const missing: string[] = []
  for (const kind of kinds) {
    for (const [table, needed] of Object.entries(NEEDS[kind])) {
      const have = columns.get(table)
      if (!have) missing.push(table)
      else missing.push(...needed.filter((column) => !have.has(column)).map((column) => `${table}.${column}`))
    }
  }

  const unique = [...new Set(missing)]
  if (unique.length > 0) {
    throw new VacuumSchemaError(
      `The database at ${target.displayUrl} lacks what vacuum deletes from (${unique.slice(0, 5).join(', ')}${unique.length > 5 ? ', …' : ''}): its schema is behind.`,
      "Run 'prefect server database upgrade -y' first.",
    )
  }
}

async function columnsByTable(knex: Knex, target: DatabaseTarget): Promise<Map<string, Set<string>>> {
  const sql =
    target.dialect === 'sqlite'
      ? "select m.name as table_name, p.name as column_name from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'"
      : 'select table_name, column_name from information_schema.columns where table_schema = current_schema()'
  const result = (await knex.raw(sql)) as Array<{table_name: string; column_name: string}> | {rows: Array<{table_name: string; column_name: string}>}
  const rows = Array.isArray(result) ? result : result.rows
  const byTable = new Map<string, Set<string>>()
  for (const row of rows) {
    if (!byTable.has(row.table_name)) byTable.set(row.table_name, new Set())
    byTable.get(row.table_name)!.add(row.column_name)
  }

  return byTable
}
