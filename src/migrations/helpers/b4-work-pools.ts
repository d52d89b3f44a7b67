import type {Dialect} from '../../db/target.js'
import {MigrationError} from '../../errors.js'
import type {MigrationContext} from '../types.js'
import {SQLITE_BASE_COLUMNS} from './b4-sqlite-tables.js'
import {SQLITE_NOW, selectRows, sql} from './prefect-sql.js'

/*
 * The three tables of Prefect's first work pools, created at SQLite 048 / PostgreSQL 051 as
 * worker_pool, worker and worker_pool_queue, and re-created empty at SQLite 049 / PostgreSQL 052
 * as work_pool, worker and work_pool_queue. Both generations have the same shape; only the names
 * differ, spelt out in full below as the reference schemas show them.
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
    base: `id UUID NOT NULL DEFAULT gen_random_uuid(),
  created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP`,
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
