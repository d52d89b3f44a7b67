import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '3d46e23593d6',
  downRevision: '340f457b315f',
  message: 'add_variables',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE variable (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        name VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        tags JSON NOT NULL DEFAULT '[]',
        CONSTRAINT pk_variable PRIMARY KEY (id),
        CONSTRAINT uq_variable__name UNIQUE (name)
      )`,
      'CREATE INDEX ix_variable__updated ON variable (updated)',
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_variable__updated', 'DROP TABLE variable')
  },
}

export default revision
