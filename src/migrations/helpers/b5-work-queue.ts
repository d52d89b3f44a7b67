import {MigrationError} from '../../errors.js'
import type {MigrationContext} from '../types.js'
import {selectRows, sql} from './prefect-sql.js'

/*
 * The data side of Prefect's "Work queue data migration" (SQLite 1678f2fb8b33, PostgreSQL
 * f98ae6d8e2cc), the same on both dialects but for the schema changes, which each revision passes in.
 *
 * Prefect runs these revisions partly outside a transaction (batched updates of flow_run and
 * deployment). Here each direction is made of steps that each run in a transaction of their own,
 * so a run killed at any point leaves either the previous step's result or the next one's, and
 * running the revision again finishes the work.
 */

const DEFAULT_POOL = 'default-agent-pool'

/** Run `body` in a transaction of its own; on SQLite the foreign keys must hold before it commits. */
export async function inOwnTransaction(context: MigrationContext, body: (context: MigrationContext) => Promise<void>): Promise<void> {
  await context.knex.transaction(async (trx) => {
    const inner: MigrationContext = {knex: trx, dialect: context.dialect}
    await body(inner)
    if (context.dialect === 'sqlite') {
      const violations = await selectRows<{table: string; parent: string}>(inner, 'PRAGMA foreign_key_check')
      if (violations.length > 0) {
        const where = [...new Set(violations.map((v) => `${v.table} -> ${v.parent}`))].join(', ')
        throw new MigrationError(`Foreign keys would be broken (${where}); nothing was changed.`)
      }
    }
  })
}

async function defaultPoolId(context: MigrationContext): Promise<string | undefined> {
  const [row] = await selectRows<{id: string}>(context, 'SELECT id FROM work_pool WHERE name = ?', [DEFAULT_POOL])
  return row?.id
}

/**
 * Up, data: when some queue has no work pool, create the `default-agent-pool` pool (type
 * `prefect-agent`), give it a `default` queue if no queue has that name, put every pool-less queue
 * in it, make `default` its default queue, number the pool's queues' priorities 1, 2, … in
 * table order, and point every flow run and deployment without a queue id at the pool's queue of
 * their work_queue_name.
 *
 * Prefect's batched updates of flow_run and deployment stop after their first batch (250 rows per
 * queue, picked in no defined order); the intent, and the result here, is every matching row.
 * Prefect reads the queues to number without an ORDER BY, which scans the table: rowid order on
 * SQLite, physical (ctid) order on PostgreSQL, used here for the same numbering.
 */
export async function assignQueuesToDefaultPool(context: MigrationContext): Promise<void> {
  const [pending] = await selectRows<{n: number | string}>(context, 'SELECT count(*) AS n FROM work_queue WHERE work_pool_id IS NULL')
  if (Number(pending?.n ?? 0) === 0) return

  await sql(context, `INSERT INTO work_pool (name, type) VALUES ('${DEFAULT_POOL}', 'prefect-agent')`)
  const poolId = await defaultPoolId(context)
  if (poolId === undefined) throw new MigrationError(`The work pool ${DEFAULT_POOL} could not be created.`)

  const [existingDefault] = await selectRows(context, "SELECT id FROM work_queue WHERE name = 'default'")
  if (existingDefault === undefined) {
    await context.knex.raw("INSERT INTO work_queue (name, work_pool_id) VALUES ('default', ?)", [poolId])
  }

  await context.knex.raw('UPDATE work_queue SET work_pool_id = ? WHERE work_pool_id IS NULL', [poolId])
  const [defaultQueue] = await selectRows<{id: string}>(context, "SELECT id FROM work_queue WHERE name = 'default' AND work_pool_id = ?", [poolId])
  if (defaultQueue === undefined) {
    throw new MigrationError(`The work queue 'default' already belongs to another work pool, so ${DEFAULT_POOL} cannot get it as its default queue.`)
  }

  await context.knex.raw('UPDATE work_pool SET default_queue_id = ? WHERE id = ?', [defaultQueue.id, poolId])

  const tableOrder = context.dialect === 'sqlite' ? 'rowid' : 'ctid'
  await context.knex.raw(
    `UPDATE work_queue SET priority = numbered.n
     FROM (SELECT id, row_number() OVER (ORDER BY ${tableOrder}) AS n FROM work_queue WHERE work_pool_id = ?) AS numbered
     WHERE work_queue.id = numbered.id`,
    [poolId],
  )

  for (const table of ['flow_run', 'deployment']) {
    await context.knex.raw(
      `UPDATE ${table} SET work_queue_id = queue.id
       FROM work_queue AS queue
       WHERE queue.work_pool_id = ? AND ${table}.work_queue_id IS NULL AND ${table}.work_queue_name = queue.name`,
      [poolId],
    )
  }
}

/**
 * Down, data and schema in one transaction: drop every queue outside `default-agent-pool` (when
 * that pool exists), clear every flow run's and deployment's queue id, make work_pool_id nullable
 * and queue names unique again (`schema`, run once the rows allow it), take every queue out of
 * its pool and delete all work pools with their workers.
 *
 * Prefect deletes the queues while work pools still name them as their default queue (ON DELETE
 * RESTRICT) and agents still point at them, which makes its downgrade fail on any database with
 * a second pool; here those pools' default queue is cleared first (the pools are deleted below
 * anyway) and the agents of deleted queues are deleted with them. Rows that PostgreSQL's ON DELETE
 * actions would change are changed explicitly, for SQLite, which runs with foreign keys off.
 */
export async function removeQueuesFromPools(context: MigrationContext, schema: (context: MigrationContext) => Promise<void>): Promise<void> {
  const poolId = await defaultPoolId(context)
  await sql(
    context,
    'UPDATE flow_run SET work_queue_id = NULL WHERE work_queue_id IS NOT NULL',
    'UPDATE deployment SET work_queue_id = NULL WHERE work_queue_id IS NOT NULL',
  )
  if (poolId !== undefined) {
    const doomed = 'SELECT id FROM work_queue WHERE work_pool_id <> ?'
    await context.knex.raw(`UPDATE work_pool SET default_queue_id = NULL WHERE default_queue_id IN (${doomed})`, [poolId])
    await context.knex.raw(`DELETE FROM agent WHERE work_queue_id IN (${doomed})`, [poolId])
    await context.knex.raw('DELETE FROM work_queue WHERE work_pool_id <> ?', [poolId])
  }

  const [clash] = await selectRows<{name: string}>(context, 'SELECT name FROM work_queue GROUP BY name HAVING count(*) > 1 LIMIT 1')
  if (clash !== undefined) {
    throw new MigrationError(
      `Work queues of different work pools share the name '${clash.name}', which the schema before this revision does not allow; nothing was changed.`,
      'Rename or delete the duplicates, then downgrade again.',
    )
  }

  await schema(context)
  await sql(
    context,
    'UPDATE work_queue SET work_pool_id = NULL',
    'DELETE FROM worker',
    'DELETE FROM work_pool_queue',
    'DELETE FROM work_pool',
  )
}
