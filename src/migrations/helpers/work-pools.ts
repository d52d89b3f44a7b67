import {randomUUID} from 'node:crypto'

import type {Dialect} from '../../db/target.js'
import {MigrationError} from '../../errors.js'
import type {MigrationContext} from '../types.js'
import {PG_BASE_COLUMNS, SQLITE_BASE_COLUMNS} from './base-columns.js'
import {SQLITE_NOW, selectRows, sql} from './prefect-sql.js'

/*
 * The three tables of Prefect's first work pools, created at SQLite 048 / PostgreSQL 051 as
 * worker_pool, worker and worker_pool_queue, and re-created empty at SQLite 049 / PostgreSQL 052
 * as work_pool, worker and work_pool_queue. Both generations have the same shape; only the names
 * differ, spelt out in full below as the reference schemas show them. Further down: the link
 * columns flow_run and deployment carry to them, the checks before work_pool points at work_queue,
 * and the work queue data migration that puts queues into work pools.
 */

export interface PoolNames {
  pool: string
  queue: string
  /** worker's and the queue table's column naming the pool. */
  poolId: string
  poolPk: string
  poolUnique: string
  poolIndexes: {updated: string; type: string}
  poolDefaultQueueFk: string
  workerUnique: string
  workerFk: string
  workerIndexes: {updated: string; poolId: string; poolIdHeartbeat: string}
  queuePk: string
  queueUnique: string
  queueFk: string
  queueIndexes: {updated: string; poolId: string; poolIdPriority: string}
}

export const WORKER_POOL: PoolNames = {
  pool: 'worker_pool',
  queue: 'worker_pool_queue',
  poolId: 'worker_pool_id',
  poolPk: 'pk_worker_pool',
  poolUnique: 'uq_worker_pool__name',
  poolIndexes: {updated: 'ix_worker_pool__updated', type: 'ix_worker_pool__type'},
  poolDefaultQueueFk: 'fk_worker_pool__default_queue_id__worker_pool_queue',
  workerUnique: 'uq_worker__worker_pool_id_name',
  workerFk: 'fk_worker__worker_pool_id__worker_pool',
  workerIndexes: {
    updated: 'ix_worker__updated',
    poolId: 'ix_worker__worker_pool_id',
    poolIdHeartbeat: 'ix_worker__worker_pool_id_last_heartbeat_time',
  },
  queuePk: 'pk_worker_pool_queue',
  queueUnique: 'uq_worker_pool_queue__worker_pool_id_name',
  queueFk: 'fk_worker_pool_queue__worker_pool_id__worker_pool',
  queueIndexes: {
    updated: 'ix_worker_pool_queue__updated',
    poolId: 'ix_worker_pool_queue__worker_pool_id',
    poolIdPriority: 'ix_worker_pool_queue__worker_pool_id_priority',
  },
}

export const WORK_POOL: PoolNames = {
  pool: 'work_pool',
  queue: 'work_pool_queue',
  poolId: 'work_pool_id',
  poolPk: 'pk_work_pool',
  poolUnique: 'uq_work_pool__name',
  poolIndexes: {updated: 'ix_work_pool__updated', type: 'ix_work_pool__type'},
  poolDefaultQueueFk: 'fk_work_pool__default_queue_id__work_pool_queue',
  workerUnique: 'uq_worker__work_pool_id_name',
  workerFk: 'fk_worker__work_pool_id__work_pool',
  workerIndexes: {
    updated: 'ix_worker__updated',
    poolId: 'ix_worker__work_pool_id',
    poolIdHeartbeat: 'ix_worker__work_pool_id_last_heartbeat_time',
  },
  queuePk: 'pk_work_pool_queue',
  queueUnique: 'uq_work_pool_queue__work_pool_id_name',
  queueFk: 'fk_work_pool_queue__work_pool_id__work_pool',
  queueIndexes: {
    updated: 'ix_work_pool_queue__updated',
    poolId: 'ix_work_pool_queue__work_pool_id',
    poolIdPriority: 'ix_work_pool_queue__work_pool_id_priority',
  },
}

/**
 * A trailing nullable link column with its foreign key and index, as flow_run and deployment
 * carry one to the (work) pool queue of the moment. Names are given as the reference has them.
 */
export interface LinkColumn {
  column: string
  references: string
  foreignKey: string
  index: string
  onDelete: 'SET NULL' | 'CASCADE' | 'RESTRICT'
}

/** The link columns flow_run and deployment carry (SQLite 048 / PostgreSQL 051, then 049-053 / 052-057, then from 054 / 058). */
export const LINKS = {
  flowRun: {
    workerPoolQueue: {
      column: 'worker_pool_queue_id',
      references: 'worker_pool_queue',
      foreignKey: 'fk_flow_run__worker_pool_queue_id__worker_pool_queue',
      index: 'ix_flow_run__worker_pool_queue_id',
      onDelete: 'SET NULL',
    },
    workPoolQueue: {
      column: 'work_pool_queue_id',
      references: 'work_pool_queue',
      foreignKey: 'fk_flow_run__work_pool_queue_id__work_pool_queue',
      index: 'ix_flow_run__work_pool_queue_id',
      onDelete: 'SET NULL',
    },
    workQueue: {
      column: 'work_queue_id',
      references: 'work_queue',
      foreignKey: 'fk_flow_run__work_queue_id__work_queue',
      index: 'ix_flow_run__work_queue_id',
      onDelete: 'SET NULL',
    },
  },
  deployment: {
    workerPoolQueue: {
      column: 'worker_pool_queue_id',
      references: 'worker_pool_queue',
      foreignKey: 'fk_deployment__worker_pool_queue_id__worker_pool_queue',
      index: 'ix_deployment__worker_pool_queue_id',
      onDelete: 'SET NULL',
    },
    workPoolQueue: {
      column: 'work_pool_queue_id',
      references: 'work_pool_queue',
      foreignKey: 'fk_deployment__work_pool_queue_id__work_pool_queue',
      index: 'ix_deployment__work_pool_queue_id',
      onDelete: 'SET NULL',
    },
    workQueue: {
      column: 'work_queue_id',
      references: 'work_queue',
      foreignKey: 'fk_deployment__work_queue_id__work_queue',
      index: 'ix_deployment__work_queue_id',
      onDelete: 'SET NULL',
    },
  },
} as const satisfies Record<string, Record<string, LinkColumn>>

interface DialectTypes {
  base: string
  uuid: string
  timestamp: string
  now: string
  json: string
  emptyObject: string
  false: string
}

const TYPES: Record<Dialect, DialectTypes> = {
  sqlite: {
    base: SQLITE_BASE_COLUMNS,
    uuid: 'CHAR(36)',
    timestamp: 'DATETIME',
    now: SQLITE_NOW,
    json: 'JSON',
    emptyObject: "'{}'",
    false: "'0'",
  },
  postgresql: {
    base: PG_BASE_COLUMNS,
    uuid: 'UUID',
    timestamp: 'TIMESTAMP WITH TIME ZONE',
    now: 'CURRENT_TIMESTAMP',
    json: 'JSONB',
    emptyObject: "'{}'",
    false: 'false',
  },
}

/**
 * CREATE TABLE and CREATE INDEX statements for the pool, worker and queue tables. The pool's
 * foreign key to its default queue is declared in the pool's CREATE TABLE on SQLite (which
 * accepts a reference to a table created later) and added once the queue table exists on
 * PostgreSQL.
 */
export function createPoolTables(dialect: Dialect, n: PoolNames): string[] {
  const t = TYPES[dialect]
  const poolFk = `CONSTRAINT ${n.poolDefaultQueueFk} FOREIGN KEY (default_queue_id) REFERENCES ${n.queue} (id) ON DELETE RESTRICT`
  return [
    `CREATE TABLE ${n.pool} (
  ${t.base},
  name VARCHAR NOT NULL,
  description VARCHAR,
  type VARCHAR,
  base_job_template ${t.json} NOT NULL DEFAULT ${t.emptyObject},
  is_paused BOOLEAN NOT NULL DEFAULT ${t.false},
  concurrency_limit INTEGER,
  default_queue_id ${t.uuid},
  CONSTRAINT ${n.poolPk} PRIMARY KEY (id),
  CONSTRAINT ${n.poolUnique} UNIQUE (name)${dialect === 'sqlite' ? `,\n  ${poolFk}` : ''}
)`,
    `CREATE INDEX ${n.poolIndexes.updated} ON ${n.pool} (updated)`,
    `CREATE INDEX ${n.poolIndexes.type} ON ${n.pool} (type)`,
    `CREATE TABLE worker (
  ${t.base},
  name VARCHAR NOT NULL,
  last_heartbeat_time ${t.timestamp} NOT NULL DEFAULT ${t.now},
  ${n.poolId} ${t.uuid} NOT NULL,
  CONSTRAINT pk_worker PRIMARY KEY (id),
  CONSTRAINT ${n.workerUnique} UNIQUE (${n.poolId}, name),
  CONSTRAINT ${n.workerFk} FOREIGN KEY (${n.poolId}) REFERENCES ${n.pool} (id) ON DELETE CASCADE
)`,
    `CREATE INDEX ${n.workerIndexes.updated} ON worker (updated)`,
    `CREATE INDEX ${n.workerIndexes.poolIdHeartbeat} ON worker (${n.poolId}, last_heartbeat_time)`,
    `CREATE INDEX ${n.workerIndexes.poolId} ON worker (${n.poolId})`,
    `CREATE TABLE ${n.queue} (
  ${t.base},
  name VARCHAR NOT NULL,
  description VARCHAR,
  is_paused BOOLEAN NOT NULL DEFAULT ${t.false},
  concurrency_limit INTEGER,
  priority INTEGER NOT NULL,
  ${n.poolId} ${t.uuid} NOT NULL,
  CONSTRAINT ${n.queuePk} PRIMARY KEY (id),
  CONSTRAINT ${n.queueUnique} UNIQUE (${n.poolId}, name),
  CONSTRAINT ${n.queueFk} FOREIGN KEY (${n.poolId}) REFERENCES ${n.pool} (id) ON DELETE CASCADE
)`,
    `CREATE INDEX ${n.queueIndexes.updated} ON ${n.queue} (updated)`,
    `CREATE INDEX ${n.queueIndexes.poolIdPriority} ON ${n.queue} (${n.poolId}, priority)`,
    `CREATE INDEX ${n.queueIndexes.poolId} ON ${n.queue} (${n.poolId})`,
    ...(dialect === 'postgresql' ? [`ALTER TABLE ${n.pool} ADD ${poolFk}`] : []),
  ]
}

/** DROP TABLE statements for the three tables (their indexes and constraints go with them). */
export function dropPoolTables(dialect: Dialect, n: PoolNames): string[] {
  return [
    ...(dialect === 'postgresql' ? [`ALTER TABLE ${n.pool} DROP CONSTRAINT ${n.poolDefaultQueueFk}`] : []),
    `DROP TABLE ${n.queue}`,
    'DROP TABLE worker',
    `DROP TABLE ${n.pool}`,
  ]
}

/** PostgreSQL: a nullable link column with its index and ON DELETE SET NULL foreign key. */
export function addPostgresLinkColumn(table: string, link: LinkColumn): string[] {
  return [
    `ALTER TABLE ${table} ADD COLUMN ${link.column} UUID`,
    `CREATE INDEX ${link.index} ON ${table} (${link.column})`,
    `ALTER TABLE ${table} ADD CONSTRAINT ${link.foreignKey} FOREIGN KEY (${link.column}) REFERENCES ${link.references} (id) ON DELETE ${link.onDelete}`,
  ]
}

/** PostgreSQL: drop a link column (its index and foreign key go with it). */
export function dropPostgresLinkColumn(table: string, link: LinkColumn): string[] {
  return [`ALTER TABLE ${table} DROP COLUMN ${link.column}`]
}

/**
 * Before SQLite 054 / PostgreSQL 058 make work_pool.type NOT NULL and point default_queue_id at
 * work_queue. A pool without a type stops the upgrade, as it stops Prefect's, but with a message
 * naming the pools. A default_queue_id still naming a work_pool_queue row cannot name a work
 * queue: ours clears it (Prefect's PostgreSQL upgrade fails on it adding the foreign key, its
 * SQLite upgrade leaves the dangling id behind; work_pool_queue is dropped two revisions later).
 */
export async function prepareWorkPoolsForWorkQueues(context: MigrationContext): Promise<void> {
  const untyped = await selectRows<{name: string}>(context, 'SELECT name FROM work_pool WHERE type IS NULL ORDER BY name')
  if (untyped.length > 0) {
    throw new MigrationError(
      `Work pools without a type cannot be migrated (work_pool.type becomes NOT NULL): ${untyped.map((row) => row.name).join(', ')}.`,
      'Give each of these work pools a type (UPDATE work_pool SET type = ... WHERE name = ...) or delete them, then run the upgrade again.',
    )
  }

  await sql(
    context,
    'UPDATE work_pool SET default_queue_id = NULL WHERE default_queue_id IS NOT NULL AND default_queue_id NOT IN (SELECT id FROM work_queue)',
  )
}

// ------------------------------------------------------------------ work queue data migration

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

  // The new rows' ids are made here, not by the column defaults, so that the statements below
  // name the ids the inserts wrote: a --dry-run script, which has them as literals, then makes
  // the same rows when the database's own client applies it.
  const poolId = randomUUID()
  await context.knex.raw(`INSERT INTO work_pool (id, name, type) VALUES (?, '${DEFAULT_POOL}', 'prefect-agent')`, [poolId])

  const [existingDefault] = await selectRows(context, "SELECT id FROM work_queue WHERE name = 'default'")
  if (existingDefault === undefined) {
    await context.knex.raw("INSERT INTO work_queue (id, name, work_pool_id) VALUES (?, 'default', ?)", [randomUUID(), poolId])
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
