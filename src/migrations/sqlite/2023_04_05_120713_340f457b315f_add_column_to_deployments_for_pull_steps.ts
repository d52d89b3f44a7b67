import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '340f457b315f',
  downRevision: '3e1eb8281d5e',
  message: 'Add column to deployments for pull steps',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE deployment ADD COLUMN pull_steps JSON')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE deployment DROP COLUMN pull_steps')
  },
}

export default revision
