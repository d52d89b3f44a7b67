import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const COLUMNS = ['id', 'created', 'updated', 'active', 'name', '"limit"', 'active_slots', 'denied_slots', 'slot_decay_per_second', 'avg_slot_occupancy_seconds']

function createConcurrencyLimitV2(slotDecayNullable: boolean): string {
  return `CREATE TABLE concurrency_limit_v2_new (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        active BOOLEAN NOT NULL,
        name VARCHAR NOT NULL,
        "limit" INTEGER NOT NULL,
        active_slots INTEGER NOT NULL,
        denied_slots INTEGER NOT NULL,
        slot_decay_per_second FLOAT${slotDecayNullable ? '' : ' NOT NULL'},
        avg_slot_occupancy_seconds FLOAT NOT NULL,
        CONSTRAINT pk_concurrency_limit_v2 PRIMARY KEY (id),
        CONSTRAINT uq_concurrency_limit_v2__name UNIQUE (name)
      )`
}

const INDEXES = ['CREATE INDEX ix_concurrency_limit_v2__updated ON concurrency_limit_v2 (updated)']

/** Limits without a slot decay get 0.0 (no decay) before the column becomes NOT NULL; down leaves them at 0.0. */
const revision: Revision = {
  revision: '8167af8df781',
  downRevision: 'ef674d598dd3',
  message: 'Make slot_decay_per_second not nullable',
  transaction: true,
  async up(context) {
    await sql(context, 'UPDATE concurrency_limit_v2 SET slot_decay_per_second = 0.0 WHERE slot_decay_per_second IS NULL')
    await rebuildSqliteTable(context.knex, {
      table: 'concurrency_limit_v2',
      createNew: createConcurrencyLimitV2(false),
      columns: COLUMNS,
      indexes: INDEXES,
    })
  },
  async down({knex}) {
    await rebuildSqliteTable(knex, {table: 'concurrency_limit_v2', createNew: createConcurrencyLimitV2(true), columns: COLUMNS, indexes: INDEXES})
  },
}

export default revision
