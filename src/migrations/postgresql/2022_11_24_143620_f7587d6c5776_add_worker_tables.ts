import {addPostgresLinkColumn, createPoolTables, dropPoolTables, dropPostgresLinkColumn, LINKS, WORKER_POOL} from '../helpers/work-pools.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'f7587d6c5776',
  downRevision: '5e4f924ff96c',
  message: 'Add worker tables',
  transaction: true,
  async up(context) {
    await sql(
      context,
      ...createPoolTables('postgresql', WORKER_POOL),
      ...addPostgresLinkColumn('deployment', LINKS.deployment.workerPoolQueue),
      ...addPostgresLinkColumn('flow_run', LINKS.flowRun.workerPoolQueue),
    )
  },
  async down(context) {
    await sql(
      context,
      ...dropPostgresLinkColumn('deployment', LINKS.deployment.workerPoolQueue),
      ...dropPostgresLinkColumn('flow_run', LINKS.flowRun.workerPoolQueue),
      ...dropPoolTables('postgresql', WORKER_POOL),
    )
  },
}

export default revision
