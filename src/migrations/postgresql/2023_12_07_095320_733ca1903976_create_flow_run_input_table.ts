import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '733ca1903976',
  downRevision: '9c493c02ca6d',
  message: 'Create `flow_run_input` table',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE flow_run_input (
        id UUID NOT NULL DEFAULT gen_random_uuid(),
        created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        key VARCHAR NOT NULL,
        value TEXT NOT NULL,
        flow_run_id UUID NOT NULL,
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
