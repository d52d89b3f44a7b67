import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '7c453555d3a5',
  downRevision: '733ca1903976',
  message: 'Make `FlowRunInput.flow_run_id` a foreign key to `flow_run`',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE flow_run_input ADD CONSTRAINT fk_flow_run_input__flow_run_id__flow_run FOREIGN KEY (flow_run_id) REFERENCES flow_run (id) ON DELETE CASCADE')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE flow_run_input DROP CONSTRAINT fk_flow_run_input__flow_run_id__flow_run')
  },
}

export default revision
