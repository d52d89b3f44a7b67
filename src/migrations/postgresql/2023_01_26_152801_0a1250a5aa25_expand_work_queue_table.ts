import {addPostgresLinkColumn, dropPostgresLinkColumn, LINKS, prepareWorkPoolsForWorkQueues} from '../helpers/work-pools.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * flow_run and deployment trade their (empty-to-be) work_pool_queue_id for a work_queue_id, as
 * Prefect drops the one column and adds the other; work queues get a priority and a work pool.
 */
const revision: Revision = {
  revision: '0a1250a5aa25',
  downRevision: '2882cd2df466',
  message: 'Expand work queue table',
  transaction: true,
  async up(context) {
    await prepareWorkPoolsForWorkQueues(context)
    await sql(
      context,
      'ALTER TABLE work_pool DROP CONSTRAINT fk_work_pool__default_queue_id__work_pool_queue',
      ...dropPostgresLinkColumn('deployment', LINKS.deployment.workPoolQueue),
      ...dropPostgresLinkColumn('flow_run', LINKS.flowRun.workPoolQueue),
      'ALTER TABLE work_queue ADD COLUMN priority INTEGER NOT NULL DEFAULT 1',
      'ALTER TABLE work_queue ADD COLUMN work_pool_id UUID',
      ...addPostgresLinkColumn('flow_run', LINKS.flowRun.workQueue),
      ...addPostgresLinkColumn('deployment', LINKS.deployment.workQueue),
      'ALTER TABLE work_pool ADD CONSTRAINT fk_work_pool__default_queue_id__work_queue ' +
        'FOREIGN KEY (default_queue_id) REFERENCES work_queue (id) ON DELETE RESTRICT',
      'ALTER TABLE work_pool ALTER COLUMN type SET NOT NULL',
      'ALTER TABLE work_queue ADD CONSTRAINT fk_work_queue__work_pool_id__work_pool ' +
        'FOREIGN KEY (work_pool_id) REFERENCES work_pool (id) ON DELETE CASCADE',
      'CREATE INDEX ix_work_queue__work_pool_id ON work_queue (work_pool_id)',
      'CREATE INDEX ix_work_queue__work_pool_id_priority ON work_queue (work_pool_id, priority)',
    )
  },
  async down(context) {
    await sql(
      context,
      // The column takes both its indexes and its foreign key with it.
      'ALTER TABLE work_queue DROP COLUMN work_pool_id',
      'ALTER TABLE work_queue DROP COLUMN priority',
      'ALTER TABLE work_pool DROP CONSTRAINT fk_work_pool__default_queue_id__work_queue',
      'ALTER TABLE work_pool ALTER COLUMN type DROP NOT NULL',
      ...dropPostgresLinkColumn('deployment', LINKS.deployment.workQueue),
      ...dropPostgresLinkColumn('flow_run', LINKS.flowRun.workQueue),
      // Every work pool is deleted, as in Prefect's downgrade (their workers and queues cascade).
      'DELETE FROM work_pool',
      'ALTER TABLE work_pool ADD CONSTRAINT fk_work_pool__default_queue_id__work_pool_queue ' +
        'FOREIGN KEY (default_queue_id) REFERENCES work_pool_queue (id) ON DELETE RESTRICT',
      ...addPostgresLinkColumn('deployment', LINKS.deployment.workPoolQueue),
      ...addPostgresLinkColumn('flow_run', LINKS.flowRun.workPoolQueue),
    )
  },
}

export default revision
