import {deploymentRebuild, flowRunRebuild, workPoolRebuild, workQueueRebuild053} from '../helpers/sqlite-tables.js'
import {LINKS, prepareWorkPoolsForWorkQueues} from '../helpers/work-pools.js'
import {sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

/*
 * flow_run and deployment trade their (empty-to-be) work_pool_queue_id for a work_queue_id, as
 * Prefect drops the one column and adds the other; work queues get a priority and a work pool.
 */
const revision: Revision = {
  revision: 'b9bda9f142f1',
  downRevision: 'f92143d30c27',
  message: 'Expand work queue table',
  transaction: true,
  async up(context) {
    await prepareWorkPoolsForWorkQueues(context)
    await rebuildSqliteTable(context.knex, workPoolRebuild('work_queue'))
    await rebuildSqliteTable(context.knex, deploymentRebuild(LINKS.deployment.workQueue))
    await rebuildSqliteTable(context.knex, flowRunRebuild(LINKS.flowRun.workQueue))
    await sql(
      context,
      "ALTER TABLE work_queue ADD COLUMN priority INTEGER NOT NULL DEFAULT '1'",
      'ALTER TABLE work_queue ADD COLUMN work_pool_id CHAR(36) CONSTRAINT fk_work_queue__work_pool_id__work_pool REFERENCES work_pool (id) ON DELETE CASCADE',
      'CREATE INDEX ix_work_queue__work_pool_id ON work_queue (work_pool_id)',
      'CREATE INDEX ix_work_queue__work_pool_id_priority ON work_queue (work_pool_id, priority)',
    )
  },
  async down(context) {
    await rebuildSqliteTable(context.knex, workQueueRebuild053())
    // Every work pool is deleted, as in Prefect's downgrade. Prefect runs it with foreign keys
    // off and leaves the pools' workers and queues behind, pointing nowhere; ours deletes them,
    // as the foreign keys' ON DELETE CASCADE would.
    await sql(context, 'DELETE FROM worker', 'DELETE FROM work_pool_queue', 'DELETE FROM work_pool')
    await rebuildSqliteTable(context.knex, workPoolRebuild('work_pool_queue'))
    await rebuildSqliteTable(context.knex, deploymentRebuild(LINKS.deployment.workPoolQueue))
    await rebuildSqliteTable(context.knex, flowRunRebuild(LINKS.flowRun.workPoolQueue))
  },
}

export default revision
