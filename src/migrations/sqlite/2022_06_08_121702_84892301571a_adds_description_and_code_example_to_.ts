import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '84892301571a',
  downRevision: 'f65b6ad0b869',
  message: 'Adds description and code example to block type',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE block_type ADD COLUMN description VARCHAR', 'ALTER TABLE block_type ADD COLUMN code_example VARCHAR')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE block_type DROP COLUMN code_example', 'ALTER TABLE block_type DROP COLUMN description')
  },
}

export default revision
