import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import type {Revision} from '../types.js'

// Prefect's name is longer than 63 characters; PostgreSQL keeps this much of it.
const SCHEDULER_INDEX = 'ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu'

const revision: Revision = {
  revision: '54c1876c68ae',
  downRevision: '41e5ed9e1034',
  message: 'Add index for scheduled deployments',
  // CREATE/DROP INDEX CONCURRENTLY, outside a transaction as in Prefect's; safe to run again.
  transaction: false,
  async up({knex}) {
    await createIndexConcurrently(
      knex,
      SCHEDULER_INDEX,
      "ON flow_run (deployment_id, auto_scheduled, next_scheduled_start_time) WHERE state_type = 'SCHEDULED'",
    )
  },
  async down({knex}) {
    await dropIndexConcurrently(knex, SCHEDULER_INDEX)
  },
}

export default revision
