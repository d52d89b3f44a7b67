import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '5f623ddbf7fe',
  downRevision: '15f5083c16bd',
  message: 'Create concurrency_limit_v2 table',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE concurrency_limit_v2 (
        id UUID NOT NULL DEFAULT gen_random_uuid(),
        created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        active BOOLEAN NOT NULL,
        name VARCHAR NOT NULL,
        "limit" INTEGER NOT NULL,
        active_slots INTEGER NOT NULL,
        denied_slots INTEGER NOT NULL,
        slot_decay_per_second DOUBLE PRECISION,
        avg_slot_occupancy_seconds DOUBLE PRECISION NOT NULL,
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
