import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'b5f5644500d2',
  downRevision: 'a03d00b8e275',
  message: 'add storage configuration to work pool',
  transaction: true,
  async up(context) {
    await sql(context, `ALTER TABLE work_pool ADD COLUMN storage_configuration JSONB NOT NULL DEFAULT '{}'`)
  },
  async down(context) {
    await sql(context, 'ALTER TABLE work_pool DROP COLUMN storage_configuration')
  },
}

export default revision
