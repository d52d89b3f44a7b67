import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '619bea85701a',
  downRevision: '9725c1cbee35',
  message: 'Add the block data table.',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE block_data (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        name VARCHAR NOT NULL,
        blockref VARCHAR NOT NULL,
        data JSON NOT NULL DEFAULT '{}',
        CONSTRAINT pk_block_data PRIMARY KEY (id)
      )`,
      'CREATE UNIQUE INDEX ix_block_data__name ON block_data (name)',
      'CREATE INDEX ix_block_data__updated ON block_data (updated)',
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_block_data__updated', 'DROP INDEX ix_block_data__name', 'DROP TABLE block_data')
  },
}

export default revision
