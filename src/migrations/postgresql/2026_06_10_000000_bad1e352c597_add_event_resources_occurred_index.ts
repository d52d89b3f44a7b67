import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import type {Revision} from '../types.js'

// Built CONCURRENTLY outside a transaction, as Prefect does; both directions can simply be run again.
const revision: Revision = {
  revision: 'bad1e352c597',
  downRevision: '7218aad17905',
  message: 'Add index on event_resources(occurred) for vacuum performance',
  transaction: false,
  async up({knex}) {
    await createIndexConcurrently(knex, 'ix_event_resources__occurred', `ON event_resources (occurred)`)
  },
  async down({knex}) {
    await dropIndexConcurrently(knex, 'ix_event_resources__occurred')
  },
}

export default revision
