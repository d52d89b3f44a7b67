import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '3457c6ca2360',
  downRevision: '07ecde74d74d',
  message: 'add storage configuration to work pool',
  transaction: true,
  async up(context) {
    await sql(context, "ALTER TABLE work_pool ADD COLUMN storage_configuration JSON NOT NULL DEFAULT '{}'")
  },
  async down(context) {
    await sql(context, 'ALTER TABLE work_pool DROP COLUMN storage_configuration')
  },
}

export default revision
