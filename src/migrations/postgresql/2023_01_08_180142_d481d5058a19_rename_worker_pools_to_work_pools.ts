import {
  addPostgresLinkColumn,
  createPoolTables,
  dropPoolTables,
  dropPostgresLinkColumn,
  LINKS,
  WORK_POOL,
  WORKER_POOL,
} from '../helpers/work-pools.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * Like Prefect's, both directions start from empty tables: the pools, workers and queues of the
 * other generation are dropped with their rows, and flow_run / deployment get a new, empty link
 * column in place of the old one.
 */
const revision: Revision = {
  revision: 'd481d5058a19',
  downRevision: 'f7587d6c5776',
  message: 'Rename Worker Pools to Work Pools',
  transaction: true,
  async up(context) {
    await sql(
      context,
      ...dropPostgresLinkColumn('deployment', LINKS.deployment.workerPoolQueue),
      ...dropPostgresLinkColumn('flow_run', LINKS.flowRun.workerPoolQueue),
      ...dropPoolTables('postgresql', WORKER_POOL),
      ...createPoolTables('postgresql', WORK_POOL),
      ...addPostgresLinkColumn('deployment', LINKS.deployment.workPoolQueue),
      ...addPostgresLinkColumn('flow_run', LINKS.flowRun.workPoolQueue),
    )
  },
  async down(context) {
    await sql(
      context,
      ...dropPostgresLinkColumn('deployment', LINKS.deployment.workPoolQueue),
      ...dropPostgresLinkColumn('flow_run', LINKS.flowRun.workPoolQueue),
      ...dropPoolTables('postgresql', WORK_POOL),
      ...createPoolTables('postgresql', WORKER_POOL),
      ...addPostgresLinkColumn('deployment', LINKS.deployment.workerPoolQueue),
      ...addPostgresLinkColumn('flow_run', LINKS.flowRun.workerPoolQueue),
    )
  },
}

export default revision
