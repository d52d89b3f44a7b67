import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'ad4b1b4d1e9d',
  downRevision: '22b7cb02e593',
  message: 'Index deployment.created',
  transaction: true,
  async up(context) {
    await sql(context, 'CREATE INDEX ix_deployment__created ON deployment (created)')
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_deployment__created')
  },
}

export default revision
