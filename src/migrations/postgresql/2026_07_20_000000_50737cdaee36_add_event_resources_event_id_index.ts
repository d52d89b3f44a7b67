import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import type {Revision} from '../types.js'

// Built CONCURRENTLY outside a transaction, as Prefect does; both directions can simply be run again.
const revision: Revision = {
  revision: '50737cdaee36',
  downRevision: 'bad1e352c597',
  message: 'Add index on event_resources(event_id) for vacuum performance',
  transaction: false,
  async up({knex}) {
    await createIndexConcurrently(knex, 'ix_event_resources__event_id', `ON event_resources (event_id)`)
  },
  async down({knex}) {
    await dropIndexConcurrently(knex, 'ix_event_resources__event_id')
  },
}

export default revision
