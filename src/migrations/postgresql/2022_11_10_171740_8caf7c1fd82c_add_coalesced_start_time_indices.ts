import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '8caf7c1fd82c',
  downRevision: '54c1876c68ae',
  message: 'Add indices for coalesced `start time` sorts',
  // CREATE/DROP INDEX CONCURRENTLY, outside a transaction as in Prefect's; safe to run again.
  transaction: false,
  async up({knex}) {
    await createIndexConcurrently(
      knex,
      'ix_flow_run__coalesce_start_time_expected_start_time_asc',
      'ON flow_run (coalesce(start_time, expected_start_time) ASC)',
    )
    await createIndexConcurrently(
      knex,
      'ix_flow_run__coalesce_start_time_expected_start_time_desc',
      'ON flow_run (coalesce(start_time, expected_start_time) DESC)',
    )
  },
  async down({knex}) {
    await dropIndexConcurrently(knex, 'ix_flow_run__coalesce_start_time_expected_start_time_desc')
    await dropIndexConcurrently(knex, 'ix_flow_run__coalesce_start_time_expected_start_time_asc')
  },
}

export default revision
