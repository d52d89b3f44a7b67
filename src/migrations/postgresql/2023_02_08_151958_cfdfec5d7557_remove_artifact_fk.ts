import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

// Artifacts whose flow or task run is gone make the downgrade fail when it adds the keys back.
const revision: Revision = {
  revision: 'cfdfec5d7557',
  downRevision: '2a88656f4a23',
  message: 'Remove Artifact foreign keys',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE artifact DROP CONSTRAINT fk_artifact__task_run_id__task_run',
      'ALTER TABLE artifact DROP CONSTRAINT fk_artifact__flow_run_id__flow_run',
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE artifact ADD CONSTRAINT fk_artifact__flow_run_id__flow_run FOREIGN KEY (flow_run_id) REFERENCES flow_run (id)',
      'ALTER TABLE artifact ADD CONSTRAINT fk_artifact__task_run_id__task_run FOREIGN KEY (task_run_id) REFERENCES task_run (id)',
    )
  },
}

export default revision
