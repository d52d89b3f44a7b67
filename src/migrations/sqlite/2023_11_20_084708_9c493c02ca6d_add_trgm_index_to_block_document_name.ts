import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

// PostgreSQL gets a trigram index under this id; SQLite a case-insensitive one.
const revision: Revision = {
  revision: '9c493c02ca6d',
  downRevision: '22ef3915ccd8',
  message: 'Add trgm index to block_document.name',
  transaction: true,
  async up(context) {
    await sql(context, 'CREATE INDEX ix_block_document_name_case_insensitive ON block_document (name COLLATE NOCASE)')
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_block_document_name_case_insensitive')
  },
}

export default revision
