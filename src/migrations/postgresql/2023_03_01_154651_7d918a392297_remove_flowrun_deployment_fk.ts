import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * Prefect runs both directions outside a transaction; so does this, and each is safe to run again.
 * Flow runs of deployments deleted meanwhile make the downgrade fail when it adds the key back.
 */
const revision: Revision = {
  revision: '7d918a392297',
  downRevision: 'cfdfec5d7557',
  message: 'remove_flowrun_deployment_fk',
  transaction: false,
  async up(context) {
    await sql(context, 'ALTER TABLE flow_run DROP CONSTRAINT IF EXISTS fk_flow_run__deployment_id__deployment')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE flow_run DROP CONSTRAINT IF EXISTS fk_flow_run__deployment_id__deployment')
    await sql(
      context,
      'ALTER TABLE flow_run ADD CONSTRAINT fk_flow_run__deployment_id__deployment FOREIGN KEY (deployment_id) REFERENCES deployment (id) ON DELETE SET NULL',
    )
  },
}

export default revision
