import {assignQueuesToDefaultPool, inOwnTransaction, removeQueuesFromPools} from '../helpers/work-pools.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

// Outside the engine's transaction, as Prefect runs it partly outside one; see work-pools.ts.
const revision: Revision = {
  revision: 'f98ae6d8e2cc',
  downRevision: '0a1250a5aa25',
  message: 'Work queue data migration',
  transaction: false,
  async up(context) {
    await inOwnTransaction(context, assignQueuesToDefaultPool)
    await inOwnTransaction(context, async (inner) => {
      await sql(
        inner,
        'ALTER TABLE work_queue DROP CONSTRAINT IF EXISTS uq_work_queue__name',
        'ALTER TABLE work_queue DROP CONSTRAINT IF EXISTS uq_work_queue__work_pool_id_name',
        'ALTER TABLE work_queue ADD CONSTRAINT uq_work_queue__work_pool_id_name UNIQUE (work_pool_id, name)',
        'ALTER TABLE work_queue ALTER COLUMN work_pool_id SET NOT NULL',
      )
    })
  },
  async down(context) {
    await inOwnTransaction(context, (inner) =>
      removeQueuesFromPools(inner, async (step) => {
        await sql(
          step,
          'ALTER TABLE work_queue ALTER COLUMN work_pool_id DROP NOT NULL',
          'ALTER TABLE work_queue DROP CONSTRAINT IF EXISTS uq_work_queue__work_pool_id_name',
          'ALTER TABLE work_queue DROP CONSTRAINT IF EXISTS uq_work_queue__name',
          'ALTER TABLE work_queue ADD CONSTRAINT uq_work_queue__name UNIQUE (name)',
        )
      }),
    )
  },
}

export default revision
