import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'b9aafc3ab936',
  downRevision: '1d7441c031d0',
  message: 'Adds artifact_collection table',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE artifact_collection (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        key VARCHAR NOT NULL,
        latest_id CHAR(36) NOT NULL,
        CONSTRAINT pk_artifact_collection PRIMARY KEY (id),
        CONSTRAINT uq_artifact_collection__key UNIQUE (key)
      )`,
      'CREATE INDEX ix_artifact_collection__key_latest_id ON artifact_collection (key, latest_id)',
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_artifact_collection__key_latest_id', 'DROP TABLE artifact_collection')
  },
}

export default revision
