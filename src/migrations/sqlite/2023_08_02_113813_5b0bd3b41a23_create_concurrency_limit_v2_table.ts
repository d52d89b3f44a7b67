import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '5b0bd3b41a23',
  downRevision: '2dbcec43c857',
  message: 'Create concurrency_limit_v2 table',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE concurrency_limit_v2 (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        active BOOLEAN NOT NULL,
        name VARCHAR NOT NULL,
        "limit" INTEGER NOT NULL,
        active_slots INTEGER NOT NULL,
        denied_slots INTEGER NOT NULL,
        slot_decay_per_second FLOAT,
        avg_slot_occupancy_seconds FLOAT NOT NULL,
        CONSTRAINT pk_concurrency_limit_v2 PRIMARY KEY (id),
        CONSTRAINT uq_concurrency_limit_v2__name UNIQUE (name)
      )`,
      'CREATE INDEX ix_concurrency_limit_v2__updated ON concurrency_limit_v2 (updated)',
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_concurrency_limit_v2__updated', 'DROP TABLE concurrency_limit_v2')
  },
}

export default revision
