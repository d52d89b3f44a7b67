import {addLinkColumn, deploymentRebuild, flowRunRebuild} from '../helpers/sqlite-tables.js'
import {createPoolTables, dropPoolTables, LINKS, WORKER_POOL} from '../helpers/work-pools.js'
import {sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'fe77ad0dda06',
  downRevision: '7201de756d85',
  message: 'Add worker tables',
  transaction: true,
  async up(context) {
    await sql(
      context,
      ...createPoolTables('sqlite', WORKER_POOL),
      ...addLinkColumn('deployment', LINKS.deployment.workerPoolQueue),
      ...addLinkColumn('flow_run', LINKS.flowRun.workerPoolQueue),
      // Prefect rebuilds flow_run here, which loses its two expression indexes: so do we.
      'DROP INDEX IF EXISTS ix_flow_run__coalesce_start_time_expected_start_time_desc',
      'DROP INDEX IF EXISTS ix_flow_run__coalesce_start_time_expected_start_time_asc',
    )
  },
  async down(context) {
    await rebuildSqliteTable(context.knex, deploymentRebuild())
    // Ours also restores the two expression indexes that Prefect's upgrade loses.
    await rebuildSqliteTable(context.knex, flowRunRebuild(undefined, {coalesceIndexes: true}))
    await sql(context, ...dropPoolTables('sqlite', WORKER_POOL))
  },
}

export default revision
