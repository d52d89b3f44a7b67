import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '43c94d4c7aa3',
  downRevision: '6a1eb3d442e4',
  message: 'Add pull steps column to deployment',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE deployment ADD COLUMN pull_steps JSONB')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE deployment DROP COLUMN pull_steps')
  },
}

export default revision
