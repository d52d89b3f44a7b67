import {PG_BASE_COLUMNS as BASE} from '../helpers/base-columns.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '5f376def75c3',
  downRevision: '25f4b90a7a42',
  message: 'Add the block data table.',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE block_data (
  ${BASE},
  name VARCHAR NOT NULL,
  blockref VARCHAR NOT NULL,
  data JSONB NOT NULL DEFAULT '{}',
  CONSTRAINT pk_block_data PRIMARY KEY (id)
)`,
      'CREATE UNIQUE INDEX ix_block_data__name ON block_data (name)',
      'CREATE INDEX ix_block_data__updated ON block_data (updated)',
    )
  },
  async down(context) {
    await sql(context, 'DROP TABLE block_data')
  },
}

export default revision
