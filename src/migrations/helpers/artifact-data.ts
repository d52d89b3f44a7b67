import type {MigrationContext} from '../types.js'
import {selectRows, sql} from './prefect-sql.js'

/*
 * The artifact data migration of SQLite 051-052 / PostgreSQL 055-056: every flow or task run state
 * with a result (data neither NULL nor JSON null) gets an artifact row holding that data, linked
 * both ways. Prefect runs these outside a transaction, committing batch by batch, and so do we:
 * every step below only touches rows not yet done, so a run killed at any point can be run again.
 */

/** Rows per statement; each batch commits on its own. */
export const BATCH_SIZE = 5000

const RUNS = ['flow_run', 'task_run'] as const

/** The rows a raw INSERT/UPDATE/DELETE changed (better-sqlite3: changes, pg: rowCount; none when only recorded). */
function changedRows(result: unknown): number {
  const r = result as {changes?: number; rowCount?: number | null} | undefined
  return Number(r?.changes ?? r?.rowCount ?? 0)
}

/** Run a batched statement until a batch changes fewer rows than the batch size. */
async function inBatches(context: MigrationContext, statement: string): Promise<void> {
  for (;;) {
    const changed = changedRows(await context.knex.raw(statement))
    if (changed < BATCH_SIZE) return
  }
}

async function hasColumn(context: MigrationContext, table: string, column: string): Promise<boolean> {
  const rows =
    context.dialect === 'sqlite'
      ? await selectRows(context, 'SELECT name FROM pragma_table_info(?) WHERE name = ?', [table, column])
      : await selectRows(
          context,
          'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?',
          [table, column],
        )
  return rows.length > 0
}

/** Up of SQLite 051 / PostgreSQL 055: the has_data helper columns, indexed, then filled. */
export async function addHasData(context: MigrationContext): Promise<void> {
  for (const run of RUNS) {
    const table = `${run}_state`
    if (!(await hasColumn(context, table, 'has_data'))) await sql(context, `ALTER TABLE ${table} ADD COLUMN has_data BOOLEAN`)
    await sql(context, `CREATE INDEX IF NOT EXISTS ix_${table}__has_data ON ${table} (has_data)`)
  }

  // JSON null is the text 'null' on SQLite and the jsonb value 'null' on PostgreSQL.
  const isNotJsonNull = context.dialect === 'sqlite' ? "data IS NOT 'null'" : "data != 'null'"
  for (const run of RUNS) {
    const table = `${run}_state`
    await inBatches(
      context,
      `UPDATE ${table} SET has_data = (data IS NOT NULL AND ${isNotJsonNull})
       WHERE id IN (SELECT id FROM ${table} WHERE has_data IS NULL LIMIT ${BATCH_SIZE})`,
    )
  }
}

/** Down of SQLite 051 / PostgreSQL 055. */
export async function dropHasData(context: MigrationContext): Promise<void> {
  for (const run of ['task_run', 'flow_run'] as const) {
    const table = `${run}_state`
    await sql(context, `DROP INDEX IF EXISTS ix_${table}__has_data`)
    if (await hasColumn(context, table, 'has_data')) await sql(context, `ALTER TABLE ${table} DROP COLUMN has_data`)
  }
}

/**
 * Up of SQLite 052 / PostgreSQL 056: one artifact per state with data (task run states first, as
 * Prefect does), then each state's result_artifact_id pointing at it. The artifacts get their
 * id, created and updated from the column defaults, key, type and metadata_ stay NULL.
 */
export async function migrateArtifactData(context: MigrationContext): Promise<void> {
  for (const run of ['task_run', 'flow_run'] as const) {
    const table = `${run}_state`
    // A state already given an artifact (by a run that was interrupted) is not given another.
    await inBatches(
      context,
      `INSERT INTO artifact (${table}_id, ${run}_id, data)
       SELECT s.id, s.${run}_id, s.data FROM ${table} s
       WHERE s.has_data IS TRUE AND NOT EXISTS (SELECT 1 FROM artifact a WHERE a.${table}_id = s.id)
       ORDER BY s.id
       LIMIT ${BATCH_SIZE}`,
    )
    await inBatches(
      context,
      `UPDATE ${table} SET result_artifact_id = (SELECT a.id FROM artifact a WHERE a.${table}_id = ${table}.id)
       WHERE id IN (
         SELECT s.id FROM ${table} s
         WHERE s.has_data IS TRUE AND s.result_artifact_id IS NULL
           AND EXISTS (SELECT 1 FROM artifact a WHERE a.${table}_id = s.id)
         LIMIT ${BATCH_SIZE}
       )`,
    )
  }
}

/** Down of SQLite 052 / PostgreSQL 056: every artifact deleted, every state's link cleared. */
export async function undoArtifactData(context: MigrationContext): Promise<void> {
  await inBatches(context, `DELETE FROM artifact WHERE id IN (SELECT id FROM artifact LIMIT ${BATCH_SIZE})`)
  for (const run of RUNS) {
    const table = `${run}_state`
    await inBatches(
      context,
      `UPDATE ${table} SET result_artifact_id = NULL
       WHERE id IN (SELECT id FROM ${table} WHERE result_artifact_id IS NOT NULL LIMIT ${BATCH_SIZE})`,
    )
  }
}
