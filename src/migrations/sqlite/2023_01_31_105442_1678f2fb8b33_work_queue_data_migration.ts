import {assignQueuesToDefaultPool, inOwnTransaction, removeQueuesFromPools} from '../helpers/work-pools.js'
import {SQLITE_NOW, SQLITE_UUID, selectRows} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const COLUMNS = [
  'id', 'created', 'updated', 'name', 'filter', 'description', 'is_paused', 'concurrency_limit', 'last_polled',
  'priority', 'work_pool_id',
]

const INDEXES = [
  'CREATE INDEX ix_work_queue__updated ON work_queue (updated)',
  'CREATE INDEX ix_work_queue__work_pool_id ON work_queue (work_pool_id)',
  'CREATE INDEX ix_work_queue__work_pool_id_priority ON work_queue (work_pool_id, priority)',
]

/** work_queue with every queue in a pool (names unique per pool), or as before (names unique). */
function createWorkQueue(inPools: boolean): string {
  return `CREATE TABLE work_queue_new (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        name VARCHAR NOT NULL,
        filter JSON,
        description VARCHAR NOT NULL DEFAULT '',
        is_paused BOOLEAN NOT NULL DEFAULT '0',
        concurrency_limit INTEGER,
        last_polled DATETIME,
        priority INTEGER NOT NULL DEFAULT '1',
        work_pool_id CHAR(36)${inPools ? ' NOT NULL' : ''},
        CONSTRAINT pk_work_queue PRIMARY KEY (id),
        ${inPools ? 'CONSTRAINT uq_work_queue__work_pool_id_name UNIQUE (work_pool_id, name)' : 'CONSTRAINT uq_work_queue__name UNIQUE (name)'},
        CONSTRAINT fk_work_queue__work_pool_id__work_pool FOREIGN KEY (work_pool_id) REFERENCES work_pool (id) ON DELETE CASCADE
      )`
}

// Outside the engine's transaction, as Prefect runs it partly outside one; see work-pools.ts.
const revision: Revision = {
  revision: '1678f2fb8b33',
  downRevision: 'b9bda9f142f1',
  message: 'Work queue data migration',
  transaction: false,
  async up(context) {
    await inOwnTransaction(context, assignQueuesToDefaultPool)
    await inOwnTransaction(context, async (inner) => {
      // Already done by an earlier run that was stopped before it was recorded.
      const [current] = await selectRows<{sql: string}>(inner, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'work_queue'")
      if (current?.sql.includes('uq_work_queue__work_pool_id_name')) return
      await rebuildSqliteTable(inner.knex, {table: 'work_queue', createNew: createWorkQueue(true), columns: COLUMNS, indexes: INDEXES})
    })
  },
  async down(context) {
    await inOwnTransaction(context, (inner) =>
      removeQueuesFromPools(inner, async ({knex}) => {
        await rebuildSqliteTable(knex, {table: 'work_queue', createNew: createWorkQueue(false), columns: COLUMNS, indexes: INDEXES})
      }),
    )
  },
}

export default revision
