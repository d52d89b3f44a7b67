import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {MigrationContext, Revision} from '../types.js'

const revision: Revision = {
  revision: '575634b7acd4',
  downRevision: '296e2665785f',
  message: 'Add work queue name to runs',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE deployment ADD COLUMN work_queue_name VARCHAR',
      'CREATE INDEX ix_deployment__work_queue_name ON deployment (work_queue_name)',
      'ALTER TABLE flow_run ADD COLUMN work_queue_name VARCHAR',
      'CREATE INDEX ix_flow_run__work_queue_name ON flow_run (work_queue_name)',
    )
    await rebuildWorkQueue(context, 'filter JSON')
  },
  async down(context) {
    // Queues without a filter get the empty one back before it becomes NOT NULL again.
    await sql(context, "UPDATE work_queue SET filter = '{}' WHERE filter IS NULL")
    await rebuildWorkQueue(context, "filter JSON NOT NULL DEFAULT '{}'")
    await sql(
      context,
      'DROP INDEX ix_flow_run__work_queue_name',
      'ALTER TABLE flow_run DROP COLUMN work_queue_name',
      'DROP INDEX ix_deployment__work_queue_name',
      'ALTER TABLE deployment DROP COLUMN work_queue_name',
    )
  },
}

async function rebuildWorkQueue(context: MigrationContext, filter: string): Promise<void> {
  await rebuildSqliteTable(context.knex, {
    table: 'work_queue',
    createNew: `CREATE TABLE work_queue_new (
      id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
      created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
      updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
      name VARCHAR NOT NULL,
      ${filter},
      description VARCHAR NOT NULL DEFAULT '',
      is_paused BOOLEAN NOT NULL DEFAULT '0',
      concurrency_limit INTEGER,
      CONSTRAINT pk_work_queue PRIMARY KEY (id),
      CONSTRAINT uq_work_queue__name UNIQUE (name)
    )`,
    columns: ['id', 'created', 'updated', 'name', 'filter', 'description', 'is_paused', 'concurrency_limit'],
    indexes: ['CREATE INDEX ix_work_queue__updated ON work_queue (updated)'],
  })
}

export default revision
