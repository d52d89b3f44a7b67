import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'bacc60edce16',
  downRevision: '342220764f0b',
  message: 'Create csrf_token toble',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE csrf_token (
        token VARCHAR NOT NULL,
        client VARCHAR NOT NULL,
        expiration DATETIME NOT NULL,
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        CONSTRAINT pk_csrf_token PRIMARY KEY (id),
        CONSTRAINT uq_csrf_token__client UNIQUE (client)
      )`,
      'CREATE INDEX ix_csrf_token__updated ON csrf_token (updated)',
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_csrf_token__updated', 'DROP TABLE csrf_token')
  },
}

export default revision
