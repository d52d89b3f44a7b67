import {MigrationError} from '../../errors.js'
import type {MigrationContext} from '../types.js'
import {selectRows, sql} from './prefect-sql.js'

/*
 * PostgreSQL's state_type enum gains PAUSED at 050 and CANCELLING at 053. PostgreSQL cannot drop
 * an enum label, and Prefect's downgrades leave them; ours re-create the type without the label,
 * provided no row holds it.
 */

/** The columns of type state_type at PostgreSQL 049-053. */
const STATE_TYPE_COLUMNS = [
  {table: 'flow_run', column: 'state_type', what: 'flow runs'},
  {table: 'task_run', column: 'state_type', what: 'task runs'},
  {table: 'flow_run_state', column: 'type', what: 'flow run states'},
  {table: 'task_run_state', column: 'type', what: 'task run states'},
] as const

/** The one index whose predicate names the type (it must be rebuilt once the type is new). */
const SCHEDULER_INDEX = 'ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu'

export async function addStateTypeLabel(context: MigrationContext, label: string): Promise<void> {
  await sql(context, `ALTER TYPE state_type ADD VALUE IF NOT EXISTS '${label}'`)
}

/** Re-create state_type with `labels` (the type's labels, in order, without `label`). */
export async function removeStateTypeLabel(context: MigrationContext, label: string, labels: readonly string[]): Promise<void> {
  const counts = await selectRows<{n: string | number}>(
    context,
    STATE_TYPE_COLUMNS.map(({table, column}) => `SELECT count(*) AS n FROM ${table} WHERE ${column}::text = ?`).join(' UNION ALL '),
    STATE_TYPE_COLUMNS.map(() => label),
  )
  const holders = STATE_TYPE_COLUMNS.flatMap(({what}, i) => (Number(counts[i]?.n ?? 0) > 0 ? [`${counts[i].n} ${what}`] : []))
  if (holders.length > 0) {
    throw new MigrationError(
      `Cannot remove the state type ${label} from the state_type enum: ${holders.join(', ')} hold it.`,
      `Change or delete the rows in state ${label} first, or stay at this revision.`,
    )
  }

  await sql(
    context,
    `DROP INDEX IF EXISTS ${SCHEDULER_INDEX}`,
    `CREATE TYPE state_type_new AS ENUM (${labels.map((name) => `'${name}'`).join(', ')})`,
    ...STATE_TYPE_COLUMNS.map(
      ({table, column}) => `ALTER TABLE ${table} ALTER COLUMN ${column} TYPE state_type_new USING ${column}::text::state_type_new`,
    ),
    'DROP TYPE state_type',
    'ALTER TYPE state_type_new RENAME TO state_type',
    `CREATE INDEX ${SCHEDULER_INDEX} ON flow_run (deployment_id, auto_scheduled, next_scheduled_start_time) WHERE state_type = 'SCHEDULED'::state_type`,
  )
}

/** state_type's labels at PostgreSQL 049 (before PAUSED). */
export const STATE_TYPE_LABELS_049 = ['SCHEDULED', 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED'] as const
