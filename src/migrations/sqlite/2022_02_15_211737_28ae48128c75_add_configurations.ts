import {SQLITE_BASE_COLUMNS as BASE} from '../helpers/base-columns.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '28ae48128c75',
  downRevision: '7c91cb86dc4e',
  message: 'Add the configurations table.',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE configuration (
  ${BASE},
  key VARCHAR NOT NULL,
  value JSON NOT NULL,
  CONSTRAINT pk_configuration PRIMARY KEY (id),
  CONSTRAINT uq_configuration__key UNIQUE (key)
)`,
      'CREATE INDEX ix_configuration__key ON configuration (key)',
      'CREATE INDEX ix_configuration__updated ON configuration (updated)',
    )
  },
  async down(context) {
    await sql(context, 'DROP TABLE configuration')
  },
}

export default revision
