import {backfillStateNames} from '../helpers/state-backfill.js'
import type {Revision} from '../types.js'

/* Data only: fills flow_run.state_name and task_run.state_name from the runs' current states. */
const revision: Revision = {
  revision: 'db6bde582447',
  downRevision: '7f5f335cace3',
  message: 'Backfill state_name',
  // Prefect commits every batch of 500 rows on its own; so does this port. Safe to run again.
  transaction: false,
  async up(context) {
    await backfillStateNames(context)
  },
  async down() {
    // Data only: nothing to undo, as in Prefect.
  },
}

export default revision
