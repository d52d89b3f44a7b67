import {deploymentRebuild, flowRunRebuild} from '../helpers/sqlite-tables.js'
import {createPoolTables, dropPoolTables, LINKS, WORK_POOL, WORKER_POOL} from '../helpers/work-pools.js'
import {sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

/*
 * Like Prefect's, both directions start from empty tables: the pools, workers and queues of the
 * other generation are dropped with their rows, and flow_run / deployment get a new, empty link
 * column in place of the old one.
 */
const revision: Revision = {
  revision: 'bb38729c471a',
  downRevision: 'fe77ad0dda06',
  message: 'Rename Worker Pools to Work Pools',
  transaction: true,
  async up(context) {
    await sql(context, ...dropPoolTables('sqlite', WORKER_POOL), ...createPoolTables('sqlite', WORK_POOL))
    await rebuildSqliteTable(context.knex, deploymentRebuild(LINKS.deployment.workPoolQueue))
    await rebuildSqliteTable(context.knex, flowRunRebuild(LINKS.flowRun.workPoolQueue))
  },
  async down(context) {
    await sql(context, ...dropPoolTables('sqlite', WORK_POOL), ...createPoolTables('sqlite', WORKER_POOL))
    await rebuildSqliteTable(context.knex, deploymentRebuild(LINKS.deployment.workerPoolQueue))
    await rebuildSqliteTable(context.knex, flowRunRebuild(LINKS.flowRun.workerPoolQueue))
  },
}

export default revision
