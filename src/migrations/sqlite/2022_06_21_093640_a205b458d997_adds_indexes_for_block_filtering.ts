import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'a205b458d997',
  downRevision: '9e2a1c08c6f1',
  message: 'Adds indexes for block filtering',
  transaction: true,
  async up(context) {
    await sql(context, 'CREATE INDEX ix_block_type_name_case_insensitive ON block_type (name COLLATE NOCASE)')
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_block_type_name_case_insensitive')
  },
}

export default revision
