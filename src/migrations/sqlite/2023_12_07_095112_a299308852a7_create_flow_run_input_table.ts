import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'a299308852a7',
  downRevision: '9c493c02ca6d',
  message: 'Create `flow_run_input` table',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE flow_run_input (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        key VARCHAR NOT NULL,
        value TEXT NOT NULL,
        flow_run_id CHAR(36) NOT NULL,
        CONSTRAINT pk_flow_run_input PRIMARY KEY (id),
        CONSTRAINT uq_flow_run_input__flow_run_id_key UNIQUE (flow_run_id, key)
      )`,
      'CREATE INDEX ix_flow_run_input__updated ON flow_run_input (updated)',
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_flow_run_input__updated', 'DROP TABLE flow_run_input')
  },
}

export default revision
